/**
 * Text in and out of mail, one way everywhere: {@link dev.replygate.text.HeaderText} cleans header
 * text (received and written), {@link dev.replygate.text.HtmlToText} turns HTML into plain text (of
 * received mail and of our own notifications), {@link dev.replygate.text.Bidi} isolates bidirectional
 * text. Every feature may use this package; it uses no other package of replygate.
 */
package dev.replygate.text;
