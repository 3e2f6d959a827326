/**
 * OAuth2 access tokens for XOAUTH2 logins to mailboxes and the SMTP relay, fetched from the
 * configured token endpoint with Nimbus's OAuth2 SDK, kept until shortly before they expire, never
 * logged.
 */
package dev.replygate.oauth2;
