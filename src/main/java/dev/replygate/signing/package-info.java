/**
 * The formats replygate writes into its mail and later reads back from mail it receives: signed
 * Message-IDs ({@link dev.replygate.signing.SignedMessageIds}), reply tokens in the Reply-To
 * ({@link dev.replygate.signing.ReplyTokens}), the keys that sign both
 * ({@link dev.replygate.signing.SigningKeys}), ticket ids in their case-safe form
 * ({@link dev.replygate.signing.TicketIds}), the loop header ({@link dev.replygate.signing.LoopHeader})
 * and the body marker ({@link dev.replygate.signing.BodyMarker}).
 *
 * <p>The sending side (notify, outbound, inbound's answers) writes them and the receiving side
 * (classify) reads them, so both depend on this package and it depends on neither. A change of format
 * here changes both sides at once.
 */
package dev.replygate.signing;
