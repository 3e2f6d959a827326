package dev.replygate.notify;

/** What a template engine writes: an HTML document, or plain text (subjects and text parts). */
enum Output {
    HTML,
    TEXT
}
