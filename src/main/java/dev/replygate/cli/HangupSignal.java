package dev.replygate.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action on each SIGHUP, through {@code sun.misc.Signal} (module jdk.unsupported, there for
 * exactly this). Reached by reflection because javac's warning about that API cannot be suppressed and
 * the build treats warnings as errors. The JVM runs each handler call on a thread of its own.
 */
final class HangupSignal {

    private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {
    }

    /** Calls {@code action} on each SIGHUP from now on; false when this JVM cannot handle signals. */
    static boolean onHangup(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            Object handler = Proxy.newProxyInstance(HangupSignal.class.getClassLoader(), new Class<?>[]{handlerClass},
                    (proxy, method, args) -> handle(proxy, method, args, action));
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
            log.warn("SIGHUP cannot be handled here ({}); reload by restarting", cause.toString());
            return false;
        }
    }

    private static Object handle(Object proxy, Method method, Object[] args, Runnable action) {
        return switch (method.getName()) {
            case "handle" -> {
                action.run();
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "SIGHUP handler";
        };
    }
}
