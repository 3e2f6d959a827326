package dev.replygate.classify;

/** A reason a rule found and the class it implies. */
record Finding(Reason reason, MailClass mailClass) {
}
