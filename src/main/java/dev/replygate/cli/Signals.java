package dev.replygate.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action on each arrival of an OS signal instead of the JVM's own handling, through {@code sun.misc.Signal}
 * (module jdk.unsupported, there for exactly this). Reached by reflection because javac's warning about that API
 * cannot be suppressed and the build treats warnings as errors. The JVM runs each handler call on a thread of its own.
 */
final class Signals {

    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    /** A handler put in place; closing it puts back the one before it (a command run inside a test's JVM). */
    interface Handled extends AutoCloseable {
        @Override
        void close();
    }

    private Signals() {
    }

    /**
     * Calls {@code action} on each {@code name} signal ({@code HUP}, {@code TERM}, {@code INT}) until closed; when this
     * JVM cannot handle it, logs that with {@code otherwise} (what happens instead) and returns a handle that does
     * nothing.
     */
    static Handled on(String name, Runnable action, String otherwise) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[]{handlerClass},
                    (proxy, method, args) -> handle(proxy, method, args, name, action));
            Object before = handle.invoke(null, signal, handler);
            return () -> putBack(handle, signal, before, name);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            log.warn("SIG{} cannot be handled here ({}); {}", name, causeOf(e), otherwise);
            return () -> { };
        }
    }

    private static void putBack(Method handle, Object signal, Object before, String name) {
        try {
            handle.invoke(null, signal, before);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            log.warn("SIG{}: cannot put the JVM's handler back ({})", name, causeOf(e));
        }
    }

    private static String causeOf(Exception e) {
        return (e instanceof InvocationTargetException target ? target.getCause() : e).toString();
    }

    private static Object handle(Object proxy, Method method, Object[] args, String name, Runnable action) {
        return switch (method.getName()) {
            case "handle" -> {
                action.run();
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "SIG" + name + " handler";
        };
    }
}
