/**
 * Mail addresses, one way everywhere: {@link dev.replygate.address.MailAddress} parses (with
 * jakarta.mail's strict RFC 5322 parser), validates, normalises and compares them, holds the
 * 320-character limit and the {@code +tag} rule; {@link dev.replygate.address.DomainNames} the syntax
 * of the domains in them. Every feature may use this package; it uses no other package of replygate.
 */
package dev.replygate.address;
