package dev.replygate.oauth2;

/** No access token could be had: the token endpoint refused, or could not be reached. The message is for admins. */
public final class TokenException extends Exception {

    TokenException(String message, Throwable cause) {
        super(message, cause);
    }

    TokenException(String message) {
        super(message);
    }
}
