package dev.replygate.config;

import dev.replygate.address.MailAddress;

/**
 * How replygate's mail is addressed.
 *
 * @param from          the From of notifications and answers, with display name
 * @param replyTo       the Reply-To of notifications
 * @param replyToToken  plus-address the Reply-To with the signed ticket token
 * @param envelopeFrom  the envelope sender (Return-Path) of notifications, where bounces go;
 *                      answers to mail always use the null sender
 * @param ownAddresses  further addresses that are ours (never answered); From, Reply-To and
 *                      envelope sender count already
 */
public record SenderConfig(MailAddress from, MailAddress replyTo, boolean replyToToken, MailAddress envelopeFrom,
                           java.util.List<MailAddress> ownAddresses) {
}
