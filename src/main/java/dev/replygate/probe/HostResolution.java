package dev.replygate.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The first step of every self-test: what the host name resolves to. */
public final class HostResolution {

    private HostResolution() {
    }

    /** Records the addresses of {@code host} on {@code report}; false (and the failure) when it has none. */
    public static boolean resolve(ProbeReport report, String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            report.found("resolve", host + " -> " + Arrays.stream(addresses).map(InetAddress::getHostAddress)
                    .collect(Collectors.joining(", ")));
            return true;
        } catch (UnknownHostException e) {
            report.fail("resolve", ProbeFailure.DNS, "host " + host + " not found in DNS");
            return false;
        }
    }
}
