package com.partnercenter.support;

import java.io.IOException;
import java.net.ServerSocket;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Chooses a free port before the context starts, for tests where the application calls itself
 * (the in-process external task client needs its base URL when it is created).
 */
public class FreePortInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try (ServerSocket socket = new ServerSocket(0)) {
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                    "server.port=" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
