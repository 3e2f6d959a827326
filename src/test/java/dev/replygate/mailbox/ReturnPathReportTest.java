package dev.replygate.mailbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnPathReportTest {

    @Test
    void saysWhichCaseTheMailboxIsIn() {
        ReturnPathReport all = new ReturnPathReport("support");
        ReturnPathReport none = new ReturnPathReport("billing");
        ReturnPathReport some = new ReturnPathReport("sales");
        for (int i = 0; i < 12; i++) {
            all.add(true);
            none.add(false);
            some.add(i < 5);
        }

        assertThat(all.sentence()).isEqualTo("the server writes Return-Path on delivered mail (12 of 12)");
        assertThat(none.sentence()).startsWith("the server does not write Return-Path on delivered mail"
                + " (0 of 12): a missing Return-Path is only a weak sign of automatic mail (return-path-missing);");
        assertThat(some.sentence()).startsWith("some messages have no Return-Path (5 of 12)");
    }
}
