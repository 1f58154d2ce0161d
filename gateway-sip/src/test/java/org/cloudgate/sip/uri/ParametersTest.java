package org.cloudgate.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void findsAValueAfterOtherParameters() {
        assertThat(Parameters.find(";rport;received=192.0.2.4;branch=z9hG4bK77", "branch")).isEqualTo("z9hG4bK77");
        assertThat(Parameters.find(";rport;received=192.0.2.4;branch=z9hG4bK77", "received")).isEqualTo("192.0.2.4");
    }

    @Test
    void namesCompareCaseInsensitivelyAndWholly() {
        assertThat(Parameters.find(";BRANCH=z9hG4bK1", "branch")).isEqualTo("z9hG4bK1");
        assertThat(Parameters.find(";branches=x;branc=y", "branch")).isNull();
        assertThat(Parameters.find(";tag=abc", "ta")).isNull();
    }

    @Test
    void aFlagHasTheEmptyValueAndAnAbsentNameNone() {
        assertThat(Parameters.find(";lr;transport=tcp", "lr")).isEmpty();
        assertThat(Parameters.find(";transport=tcp;lr", "lr")).isEmpty();
        assertThat(Parameters.find(";transport=tcp", "lr")).isNull();
        assertThat(Parameters.find("", "lr")).isNull();
    }

    @Test
    void whiteSpaceAroundSeparatorsIsAllowed() {
        assertThat(Parameters.find(" ; tag = 1234 ;x", "tag")).isEqualTo("1234");
        assertThat(Parameters.find(";\tlr\t;x=1", "lr")).isEmpty();
    }

    @Test
    void quotedValuesLoseTheirQuotesAndKeepTheirSemicolons() {
        assertThat(Parameters.find(";text=\"a;b=c\";cause=16", "text")).isEqualTo("a;b=c");
        assertThat(Parameters.find(";text=\"a;b=c\";cause=16", "cause")).isEqualTo("16");
        assertThat(Parameters.find(";text=\"a;cause=1\"", "cause")).isNull();
    }
}
