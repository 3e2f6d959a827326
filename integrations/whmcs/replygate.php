<?php
/**
 * replygate for WHMCS: asks replygate (https://…/api/v1/notifications) to send the ticket
 * notifications that WHMCS would otherwise send itself, on ticket opened, staff reply and
 * ticket closed. Copy this file to <whmcs>/includes/hooks/replygate.php and add to
 * configuration.php:
 *
 *     $replygate_url = 'https://replygate.example.com:9425/api/v1/';
 *     $replygate_token = '…';                 // or:
 *     $replygate_token_file = '/etc/whmcs/replygate-token';
 *     $replygate_timeout = 3;                 // seconds; optional
 *
 * A failed call never stops WHMCS: it waits at most $replygate_timeout seconds (3 by default),
 * writes the reason to WHMCS's activity log and goes on. See README.md beside this file.
 */

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

/** WHMCS language names (the client's language setting) to the locales of replygate's templates. */
const REPLYGATE_LOCALES = [
    'arabic' => 'ar', 'azerbaijani' => 'az', 'catalan' => 'ca', 'chinese' => 'zh', 'croatian' => 'hr',
    'czech' => 'cs', 'danish' => 'da', 'dutch' => 'nl', 'english' => 'en', 'estonian' => 'et',
    'farsi' => 'fa', 'persian' => 'fa', 'french' => 'fr', 'german' => 'de', 'hebrew' => 'he',
    'hungarian' => 'hu', 'italian' => 'it', 'macedonian' => 'mk', 'norwegian' => 'nb',
    'portuguese-br' => 'pt-BR', 'portuguese-pt' => 'pt-PT', 'romanian' => 'ro', 'russian' => 'ru',
    'spanish' => 'es', 'swedish' => 'sv', 'turkish' => 'tr', 'ukranian' => 'uk', 'ukrainian' => 'uk',
];

/** The locale for a WHMCS language name; null (replygate's default locale) for none or an unknown one. */
function replygate_locale($language)
{
    $key = strtolower(trim((string) $language));
    return REPLYGATE_LOCALES[$key] ?? null;
}

/** The URL, token and timeout from configuration.php; null when replygate is not configured. */
function replygate_settings()
{
    $url = isset($GLOBALS['replygate_url']) ? (string) $GLOBALS['replygate_url'] : '';
    $token = isset($GLOBALS['replygate_token']) ? (string) $GLOBALS['replygate_token'] : '';
    if ($token === '' && !empty($GLOBALS['replygate_token_file'])) {
        $read = @file_get_contents((string) $GLOBALS['replygate_token_file']);
        $token = $read === false ? '' : rtrim($read, "\r\n");
    }
    if ($url === '' || $token === '') {
        logActivity('replygate: $replygate_url and $replygate_token (or $replygate_token_file) are not set in'
            . ' configuration.php; no notification requested');
        return null;
    }
    $timeout = isset($GLOBALS['replygate_timeout']) ? (float) $GLOBALS['replygate_timeout'] : 3.0;
    return ['url' => rtrim($url, '/') . '/', 'token' => $token, 'timeout' => max(0.5, min($timeout, 10.0))];
}

/**
 * The ticket's customer as WHMCS knows it: its public ticket number (tid, as in "[Ticket ID: N]"),
 * its access key (c, which viewticket.php needs beside tid), email, name, language and subject; null
 * when WHMCS cannot find the ticket.
 */
function replygate_ticket($ticketId)
{
    $ticket = localAPI('GetTicket', ['ticketid' => (int) $ticketId]);
    if (!is_array($ticket) || ($ticket['result'] ?? '') !== 'success') {
        logActivity('replygate: WHMCS has no ticket ' . (int) $ticketId . '; no notification requested');
        return null;
    }
    $language = '';
    if (!empty($ticket['userid'])) {
        $client = localAPI('GetClientsDetails', ['clientid' => (int) $ticket['userid'], 'stats' => false]);
        if (is_array($client) && ($client['result'] ?? '') === 'success') {
            $language = $client['language'] ?? ($client['client']['language'] ?? '');
        }
    }
    return [
        'tid' => (string) ($ticket['tid'] ?? $ticketId),
        'c' => (string) ($ticket['c'] ?? ''),
        'email' => (string) ($ticket['email'] ?? ''),
        'name' => (string) ($ticket['name'] ?? ''),
        'subject' => html_entity_decode((string) ($ticket['subject'] ?? ''), ENT_QUOTES | ENT_HTML5, 'UTF-8'),
        'department' => (string) ($ticket['deptname'] ?? ''),
        'status' => (string) ($ticket['status'] ?? ''),
        'lastreply' => (string) ($ticket['lastreply'] ?? ''),
        'locale' => replygate_locale($language),
    ];
}

/**
 * Asks replygate for one notification. The idempotency key makes a repeated request (a retry, the
 * same hook run twice) one mail. Returns the HTTP status, or 0 when replygate did not answer in time.
 */
function replygate_notify($event, array $ticket, $idempotencyKey, array $variables = [])
{
    $settings = replygate_settings();
    if ($settings === null || $ticket['email'] === '') {
        return 0;
    }
    $request = [
        'ticket' => $ticket['tid'],
        'event' => $event,
        'recipient' => $ticket['email'],
        'name' => $ticket['name'],
        'variables' => array_merge(['subject' => $ticket['subject'], 'department' => $ticket['department']],
            $variables),
        'idempotencyKey' => $idempotencyKey,
    ];
    if ($ticket['locale'] !== null) {
        $request['locale'] = $ticket['locale'];
    }
    if ($ticket['c'] !== '') {
        $request['ticketKey'] = $ticket['c'];
    }
    $context = stream_context_create(['http' => [
        'method' => 'POST',
        'header' => "Content-Type: application/json\r\nAccept: application/json\r\n"
            . 'Authorization: Bearer ' . $settings['token'] . "\r\n",
        'content' => json_encode($request, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES),
        'timeout' => $settings['timeout'],
        'ignore_errors' => true,
        'follow_location' => 0,
    ]]);
    $answer = @file_get_contents($settings['url'] . 'notifications', false, $context);
    $status = 0;
    foreach ($http_response_header ?? [] as $line) {
        if (preg_match('#^HTTP/\S+\s+(\d{3})#', $line, $match)) {
            $status = (int) $match[1];
        }
    }
    if ($status === 202 || $status === 200) {
        $queued = json_decode((string) $answer, true);
        logActivity('replygate: ' . $event . ' notification for ticket ' . $ticket['tid'] . ' queued as #'
            . ($queued['id'] ?? '?'));
    } elseif ($status === 0) {
        logActivity('replygate: no answer from ' . $settings['url'] . ' within ' . $settings['timeout']
            . ' s; the ' . $event . ' notification for ticket ' . $ticket['tid'] . ' was not requested');
    } else {
        $problem = json_decode((string) $answer, true);
        logActivity('replygate: ' . $event . ' notification for ticket ' . $ticket['tid'] . ' refused (' . $status
            . '): ' . (is_array($problem) ? ($problem['detail'] ?? '') : ''));
    }
    return $status;
}

add_hook('TicketOpen', 1, function ($vars) {
    $ticket = replygate_ticket($vars['ticketid'] ?? 0);
    if ($ticket !== null) {
        replygate_notify('opened', $ticket, 'whmcs:opened:' . (int) $vars['ticketid']);
    }
});

add_hook('TicketAdminReply', 1, function ($vars) {
    $ticket = replygate_ticket($vars['ticketid'] ?? 0);
    if ($ticket !== null) {
        replygate_notify('answered', $ticket, 'whmcs:answered:' . (int) $vars['ticketid'] . ':'
            . (int) ($vars['replyid'] ?? 0), ['operator' => (string) ($vars['admin'] ?? ''),
            'status' => (string) ($vars['status'] ?? $ticket['status'])]);
    }
});

add_hook('TicketClose', 1, function ($vars) {
    $ticket = replygate_ticket($vars['ticketid'] ?? 0);
    if ($ticket !== null) {
        // A ticket may be closed, reopened and closed again: each close is its own notification.
        replygate_notify('closed', $ticket, 'whmcs:closed:' . (int) $vars['ticketid'] . ':'
            . preg_replace('/\D/', '', $ticket['lastreply']));
    }
});
