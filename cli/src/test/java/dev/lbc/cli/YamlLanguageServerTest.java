package dev.lbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbc.testsupport.Repo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schema in a real editor: Red Hat's yaml-language-server (what the VS Code YAML extension
 * runs), installed in tools/yaml-ls by scripts/test.sh and driven over stdio with LSP's
 * Content-Length framing, with the schema named in the file's modeline as the README says.
 */
class YamlLanguageServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_S = 30;
  private static final String URI = "file:///tmp/lbc-yaml-ls-test/deploy.yaml";

  private Process server;
  private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  private int nextId = 1;

  private static String document(String mode) {
    String schema = Repo.root().resolve("grammar/schema/lbc.schema.json").toUri().toString();
    return "# yaml-language-server: $schema="
        + schema
        + "\n"
        + "lbc: 1\n"
        + "name: lab\n"
        + "exchange: se\n"
        + "appliances:\n"
        + "  primary: { hostname: lb1, address: 192.168.30.5/24 }\n"
        + "servers:\n"
        + "  - { name: MBOX1, address: 192.168.30.20 }\n"
        + "services:\n"
        + "  - name: MBOX-HTTPS\n"
        + "    vip: 192.168.30.10\n"
        + "    ports: [443]\n"
        + "    mode: "
        + mode
        + "\n"
        + "    real-servers: [{ server: MBOX1, port: 443 }]\n";
  }

  /** Line of {@code mode:} in {@link #document}, zero-based as LSP counts. */
  private static final int MODE_LINE = 12;

  @BeforeEach
  void start() throws Exception {
    Path bin = Repo.root().resolve("tools/yaml-ls/node_modules/yaml-language-server/bin");
    assertTrue(
        Files.isDirectory(bin),
        "yaml-language-server is missing: run scripts/test.sh, or npm install in tools/yaml-ls");
    server =
        new ProcessBuilder("node", bin.resolve("yaml-language-server").toString(), "--stdio")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Thread reader = new Thread(() -> read(server.getInputStream()), "yaml-ls-reader");
    reader.setDaemon(true);
    reader.start();
    ObjectNode params = JSON.createObjectNode();
    params.put("processId", ProcessHandle.current().pid());
    params.putNull("rootUri");
    params.set(
        "capabilities",
        JSON.readTree(
            "{\"textDocument\":{\"hover\":{\"contentFormat\":[\"markdown\",\"plaintext\"]},"
                + "\"completion\":{\"completionItem\":{\"documentationFormat\":"
                + "[\"markdown\",\"plaintext\"]}},\"publishDiagnostics\":{}}}"));
    request("initialize", params);
    notify("initialized", JSON.createObjectNode());
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void hoverOnModeShowsItsDescription() throws Exception {
    open(document("snat"));
    JsonNode hover = request("textDocument/hover", position(MODE_LINE, 6));
    String text = hover.path("contents").toString();
    assertTrue(text.contains("Forwarding mode"), text);
    assertTrue(text.contains("Exchange 2016 guide §6.9"), text);
  }

  @Test
  void completionOffersTheModes() throws Exception {
    open(document(""));
    JsonNode result = request("textDocument/completion", position(MODE_LINE, 10));
    JsonNode items = result.has("items") ? result.get("items") : result;
    List<String> labels = new ArrayList<>();
    items.forEach(i -> labels.add(i.path("label").asText()));
    assertTrue(labels.containsAll(List.of("dr", "nat", "snat", "tproxy")), labels.toString());
    String docs = items.toString();
    assertTrue(docs.contains("Direct Routing"), "each mode is described: " + docs);
  }

  @Test
  void anInvalidModeIsReportedAtItsValue() throws Exception {
    open(document("bogus"));
    JsonNode diagnostics = diagnosticsFor(URI);
    assertEquals(1, diagnostics.size(), diagnostics.toString());
    JsonNode range = diagnostics.get(0).path("range");
    assertEquals(MODE_LINE, range.path("start").path("line").asInt(), diagnostics.toString());
    assertEquals(10, range.path("start").path("character").asInt(), diagnostics.toString());
    assertEquals(15, range.path("end").path("character").asInt(), diagnostics.toString());
    assertTrue(
        diagnostics.get(0).path("message").asText().contains("snat"), diagnostics.toString());
  }

  private void open(String text) throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("uri", URI).put("languageId", "yaml").put("version", 1).put("text", text);
    ObjectNode params = JSON.createObjectNode();
    params.set("textDocument", doc);
    notify("textDocument/didOpen", params);
  }

  private static ObjectNode position(int line, int character) {
    ObjectNode params = JSON.createObjectNode();
    params.putObject("textDocument").put("uri", URI);
    params.putObject("position").put("line", line).put("character", character);
    return params;
  }

  /** The first non-empty diagnostics published for the file, within the timeout. */
  private JsonNode diagnosticsFor(String uri) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (System.nanoTime() < deadline) {
      JsonNode m = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (m != null
          && "textDocument/publishDiagnostics".equals(m.path("method").asText())
          && uri.equals(m.path("params").path("uri").asText())
          && m.path("params").path("diagnostics").size() > 0) {
        return m.path("params").path("diagnostics");
      }
    }
    throw new AssertionError("no diagnostics within " + TIMEOUT_S + " s");
  }

  private JsonNode request(String method, JsonNode params) throws Exception {
    int id = nextId++;
    ObjectNode m = JSON.createObjectNode();
    m.put("jsonrpc", "2.0").put("id", id).put("method", method);
    m.set("params", params);
    send(m);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    List<JsonNode> other = new ArrayList<>();
    try {
      while (System.nanoTime() < deadline) {
        JsonNode in = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (in == null) {
          break;
        }
        if (in.has("id") && !in.has("method") && in.get("id").asInt() == id) {
          assertTrue(!in.has("error"), method + ": " + in.get("error"));
          return in.path("result");
        }
        if (in.has("id") && in.has("method")) {
          answer(in); // the server's own requests (registerCapability, configuration)
        } else {
          other.add(in);
        }
      }
    } finally {
      inbox.addAll(other);
    }
    throw new AssertionError(method + ": no answer within " + TIMEOUT_S + " s");
  }

  private void answer(JsonNode request) throws IOException {
    ObjectNode m = JSON.createObjectNode();
    m.put("jsonrpc", "2.0").set("id", request.get("id"));
    if ("workspace/configuration".equals(request.path("method").asText())) {
      m.putArray("result").addObject().put("validate", true).put("hover", true);
    } else {
      m.putNull("result");
    }
    send(m);
  }

  private void notify(String method, JsonNode params) throws IOException {
    ObjectNode m = JSON.createObjectNode();
    m.put("jsonrpc", "2.0").put("method", method);
    m.set("params", params);
    send(m);
  }

  private void send(JsonNode message) throws IOException {
    byte[] body = JSON.writeValueAsBytes(message);
    OutputStream out = server.getOutputStream();
    out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** LSP framing: headers up to a blank line, then Content-Length bytes of JSON. */
  private void read(InputStream in) {
    try {
      while (true) {
        int length = -1;
        String line;
        while (!(line = header(in)).isEmpty()) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
          return;
        }
        inbox.add(JSON.readTree(body));
      }
    } catch (IOException | RuntimeException e) {
      // the server was stopped; the test waiting on the inbox times out with its own message
    }
  }

  private static String header(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.write(c);
      }
    }
    if (c == -1) {
      throw new IOException("end of stream");
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
