package dev.replygate.notify;

/**
 * A template used a variable the caller did not give (or gave as null or a blank string).
 * Thrown instead of rendering an empty gap into a customer's mail.
 */
public final class MissingVariableException extends TemplateException {

    private final String variable;
    private final String template;

    /**
     * @param variable the missing name
     * @param template the template file being rendered, e.g. {@code fa/ticket-opened.html.peb}
     * @param usedAt   where the variable was used: that file, the layout or a macro file, with line
     */
    MissingVariableException(String variable, String template, String usedAt, Throwable cause) {
        super("variable '" + variable + "' is missing or empty but required by template " + template
                + " (used at " + usedAt + ")", cause);
        this.variable = variable;
        this.template = template;
    }

    /** The name of the missing variable, or of the missing attribute for {@code a.b}. */
    public String variable() {
        return variable;
    }

    /** The template file being rendered, e.g. {@code fa/ticket-opened.html.peb}. */
    public String template() {
        return template;
    }
}
