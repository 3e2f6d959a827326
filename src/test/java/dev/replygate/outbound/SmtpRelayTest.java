package dev.replygate.outbound;

import dev.replygate.config.Secret;
import dev.replygate.config.SmtpConfig.SmtpSecurity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpRelayTest {

    /** Issue 12: with Nagle on, each message's end of DATA waited ~40 ms for the server's delayed ACK. */
    @ParameterizedTest
    @EnumSource(SmtpSecurity.class)
    void connectionsToTheRelaySendSmallWritesAtOnce(SmtpSecurity security) throws IOException {
        var config = DeliveryHarness.smtp(25, security, "", Secret.empty());
        String protocol = SmtpRelay.protocolOf(config);

        Object factory = SmtpRelay.properties(config, protocol).get("mail." + protocol + ".socketFactory");

        assertThat(factory).isInstanceOf(SocketFactory.class);
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket unconnected = ((SocketFactory) factory).createSocket();
             Socket connected = ((SocketFactory) factory).createSocket("127.0.0.1", relay.getLocalPort())) {
            assertThat(unconnected.getTcpNoDelay()).isTrue();
            assertThat(connected.isConnected()).isTrue();
            assertThat(connected.getTcpNoDelay()).isTrue();
        }
    }
}
