// Usage: node parse.mjs FILE.ps1...  Exit 0 when every file parses with no ERROR or MISSING
// node; otherwise prints file:line:col for each and exits 1.
import { Parser, Language } from 'web-tree-sitter';
import { readFileSync } from 'fs';
import { fileURLToPath } from 'url';
import { dirname, join } from 'path';

const here = dirname(fileURLToPath(import.meta.url));
await Parser.init();
const language = await Language.load(
  join(here, 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(language);

let failed = 0;
for (const file of process.argv.slice(2)) {
  const tree = parser.parse(readFileSync(file, 'utf8'));
  const errors = [];
  const walk = (node) => {
    if (node.type === 'ERROR' || node.isMissing) {
      const where = `${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
      errors.push(`${where}: ${node.isMissing ? 'missing ' + node.type : 'syntax error'}`);
    }
    for (let i = 0; i < node.childCount; i++) walk(node.child(i));
  };
  walk(tree.rootNode);
  if (errors.length > 0) {
    failed++;
    console.log(errors.join('\n'));
  } else {
    console.log(`${file}: ok`);
  }
}
process.exit(failed > 0 ? 1 : 0);
