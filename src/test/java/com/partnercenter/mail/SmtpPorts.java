package com.partnercenter.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

public final class SmtpPorts {

    private SmtpPorts() {}

    /** A local port nothing listens on: connecting to it is refused at once. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
