package dev.replygate.notify;

/** A template that cannot be found, parsed or rendered; names the template so an admin can fix it. */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
