package org.cloudgate.sip.transaction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BranchTest {

    @Test
    void aLoopBranchNamesItsLoop() {
        assertThat(Branch.forLoop(0)).startsWith("z9hG4bK");
        assertThat(Branch.loopOf(Branch.forLoop(0))).isZero();
        assertThat(Branch.loopOf(Branch.forLoop(13))).isEqualTo(13);
        assertThat(Branch.forLoop(1)).isNotEqualTo(Branch.forLoop(1));
    }

    @Test
    void otherBranchesNameNoLoop() {
        assertThat(Branch.loopOf(Branch.next())).isEqualTo(-1);
        assertThat(Branch.loopOf("z9hG4bK776asdhds")).isEqualTo(-1);
        assertThat(Branch.loopOf("z9hG4bKcgzz-1")).isEqualTo(-1);
        assertThat(Branch.loopOf("z9hG4bKcg-1")).isEqualTo(-1);
        assertThat(Branch.loopOf(null)).isEqualTo(-1);
    }
}
