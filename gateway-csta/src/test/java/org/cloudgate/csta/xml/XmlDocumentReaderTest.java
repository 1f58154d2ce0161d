package org.cloudgate.csta.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.cloudgate.csta.codec.CstaDecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The XML 1.0 subset the ECMA-323 reader takes, and what it refuses. */
class XmlDocumentReaderTest {

    private final XmlDocumentReader reader = new XmlDocumentReader(8, 50);

    private XmlDocumentReader.Document read(String xml) {
        return reader.read(Unpooled.wrappedBuffer(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsPrefixesReferencesCdataAndComments() {
        XmlDocumentReader.Document doc = read("\uFEFF<?xml version='1.0' encoding='utf-8'?>\n<!-- from the PBX -->"
                + "<csta:Event xmlns:csta=\"urn:x\" a='1'><csta:name>Z&#252;rich &amp; B&#x65;rn</csta:name>"
                + "<other xmlns='urn:y'><![CDATA[<raw>]]> more</other><?pi data?><empty/>"
                + "<utf>Gen\u00e8ve</utf></csta:Event>  ");
        assertThat(doc.namespace()).isEqualTo("urn:x");
        XmlElement root = doc.root();
        assertThat(root.name()).isEqualTo("Event");
        assertThat(root.childText("name")).isEqualTo("Z\u00fcrich & Bern");
        assertThat(root.childText("other")).isEqualTo("<raw> more");
        assertThat(root.childText("empty")).isEmpty();
        assertThat(root.childText("utf")).isEqualTo("Gen\u00e8ve");
    }

    @Test
    void repeatedNamesComeFromTheTableAndStayCorrect() {
        for (int i = 0; i < 3; i++) {
            XmlElement root = read("<a xmlns='urn:x'><callID>" + i + "</callID><callId>x</callId></a>").root();
            assertThat(root.childText("callID")).isEqualTo(Integer.toString(i));
            assertThat(root.childText("callId")).isEqualTo("x");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>",
        "<a>&x;</a>",
        "<a><b></a></b>",
        "<a></a><b></b>",
        "<p:a></p:a>",
        "<a><b></b>",
        "<a b='1' b='2'/>",
        "<a b=1/>",
        "<a>\u0001</a>",
        "<?xml version='1.0' encoding='ISO-8859-1'?><a/>",
        "text<a/>",
        "<a><?xml version='1.0'?></a>",
        "<a>&#0;</a>",
        "<a><b><c><d><e><f><g><h><i/></h></g></f></e></d></c></b></a>",
        "",
    })
    void refusesWhatIsNotWellFormedOrNotAllowed(String xml) {
        assertThatThrownBy(() -> read(xml)).isInstanceOf(CstaDecodeException.class);
    }

    @Test
    void refusesMalformedUtf8() {
        byte[] bytes = {'<', 'a', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'a', '>'};
        assertThatThrownBy(() -> reader.read(Unpooled.wrappedBuffer(bytes))).isInstanceOf(CstaDecodeException.class)
                .hasMessageContaining("UTF-8");
    }
}
