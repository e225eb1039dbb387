package dev.lbc.compiler.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Comment;
import org.w3c.dom.Element;

/**
 * What an XML parser reads back from escaped text is the text itself, in an attribute, in character
 * data and in a comment, whatever the input holds: markup, whitespace that attribute normalization
 * would eat, characters XML 1.0 cannot carry, and runs of hyphens.
 */
class XmlTest {
  private static final String HOSTILE = "a<b>&\"c'\td\ne\r\nf--g---h\u0000i\u0008j\uFFFEk\uD800l-";

  /** HOSTILE as a parser reads it back: each character XML cannot carry is U+FFFD. */
  private static final String READ_BACK =
      "a<b>&\"c'\td\ne\r\nf--g---h\uFFFDi\uFFFDj\uFFFDk\uFFFDl-";

  private static Element parse(String escaped, String comment) throws Exception {
    String doc =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!--"
            + comment
            + "--><r a=\""
            + escaped
            + "\" b='"
            + escaped
            + "'>"
            + escaped
            + "</r>";
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
  }

  @Test
  void attributesAndTextReadBackExactly() throws Exception {
    Element r = parse(Xml.escape(HOSTILE), "");
    assertEquals(READ_BACK, r.getAttribute("a"), "double-quoted attribute");
    assertEquals(READ_BACK, r.getAttribute("b"), "single-quoted attribute");
    assertEquals(READ_BACK, r.getTextContent(), "character data");
  }

  @Test
  void newlinesInAnAttributeAreReferences() {
    assertEquals("x&#10;y&#13;&#10;z&#9;", Xml.escape("x\ny\r\nz\t"));
  }

  @Test
  void charactersXmlCannotCarryBecomeTheReplacementCharacter() {
    assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD", Xml.escape("\u0000\u001F\uFFFF\uDC00"));
    assertEquals("\uD83D\uDE00", Xml.escape("\uD83D\uDE00"), "a surrogate pair is one character");
  }

  @Test
  void aCommentNeverHoldsTwoHyphensOrEndsInOne() throws Exception {
    String c = Xml.comment(HOSTILE);
    assertFalse(c.contains("--"), c);
    assertFalse(c.endsWith("-"), c);
    Comment read = (Comment) parse("", " " + c + " ").getOwnerDocument().getFirstChild();
    assertEquals(
        " a<b>&\"c'\td\ne\nf- -g- - -h\uFFFDi\uFFFDj\uFFFDk\uFFFDl-  ",
        read.getData(),
        "read back");
  }

  @Test
  void plainNamesAreUnchanged() {
    assertEquals("lbtestdom-exchange2016-dr", Xml.escape("lbtestdom-exchange2016-dr"));
    assertEquals("lbtestdom-exchange2016-dr", Xml.comment("lbtestdom-exchange2016-dr"));
  }
}
