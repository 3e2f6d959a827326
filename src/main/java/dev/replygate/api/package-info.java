/**
 * The portal's HTTP API under {@code /api/v1} on the embedded server: notifications requested and
 * followed, decisions looked up. It reuses {@code notify}'s service (the same validation and messages
 * as {@code replygate notify}) and the server's bearer tokens; {@code openapi.json} describes it.
 */
package dev.replygate.api;
