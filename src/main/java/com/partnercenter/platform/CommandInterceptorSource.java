package com.partnercenter.platform;

import com.partnercenter.engine.EngineConfiguration;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * A check the engine runs inside every command (the engine command guard): {@link EngineConfiguration} asks it for
 * one interceptor per command chain of the engine and places it after the command context is opened, so that it
 * sees the command, its caller's authentication and the engine's state.
 */
public interface CommandInterceptorSource {

    /** A new interceptor for one command chain (an interceptor instance belongs to one chain). */
    CommandInterceptor newInterceptor();
}
