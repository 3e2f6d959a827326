<?php
// Runs integrations/whmcs/replygate.php as WHMCS would, with WHMCS's functions stubbed:
//   php harness.php HOOK_FILE URL TOKEN_FILE TIMEOUT
// One ticket (#42, public number 781045, a Persian-speaking client) is opened, answered and closed;
// each hook's activity log lines and status are printed.
define('WHMCS', true);

$hooks = [];
function add_hook($point, $priority, $callback)
{
    $GLOBALS['hooks'][$point][] = $callback;
}

function localAPI($command, $values)
{
    if ($command === 'GetTicket' && $values['ticketid'] === 42) {
        return ['result' => 'success', 'ticketid' => 42, 'tid' => '781045', 'c' => 'XyZ12abc', 'userid' => 7,
            'email' => 'sara@example.net', 'name' => 'Sara Ahmadi', 'subject' => 'Website &amp; mail are down',
            'deptname' => 'Technical', 'status' => 'Answered', 'lastreply' => '2026-12-01 03:14:15'];
    }
    if ($command === 'GetClientsDetails' && $values['clientid'] === 7) {
        return ['result' => 'success', 'client' => ['language' => 'farsi'], 'language' => 'farsi'];
    }
    return ['result' => 'error', 'message' => 'not found'];
}

function logActivity($message)
{
    echo 'activity: ', $message, "\n";
}

$replygate_url = $argv[2];
$replygate_token_file = $argv[3];
$replygate_timeout = (float) $argv[4];

require $argv[1];

$events = [
    'TicketOpen' => ['ticketid' => 42, 'deptname' => 'Technical'],
    'TicketAdminReply' => ['ticketid' => 42, 'replyid' => 9001, 'admin' => 'Reza', 'status' => 'Answered'],
    'TicketClose' => ['ticketid' => 42],
];
foreach ($events as $point => $vars) {
    $started = microtime(true);
    foreach ($hooks[$point] ?? [] as $hook) {
        $hook($vars);
    }
    printf("hook: %s took %.1f s\n", $point, microtime(true) - $started);
}
