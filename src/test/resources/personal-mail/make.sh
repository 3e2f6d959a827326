#!/bin/sh
# Writes the personal messages of this folder with s-nail (Debian package s-nail 14.9), as its user
# would send them; see README.md. Run from this folder: ./make.sh
set -eu
here=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#!/bin/sh\ncat > "$OUT"\n' > "$work/save-stdin"
chmod +x "$work/save-stdin"

# The notification the replies answer, as it sits in the customer's mailbox. Its Message-ID is a
# placeholder that tests replace with the Message-ID replygate signed.
notification() {
  cat > "$work/inbox" <<MBOX
From support@hosting.test Mon Jun  2 10:00:00 2025
From: Hosting Support <support@hosting.test>
To: $1
Subject: $2
Message-ID: <notification-message-id@replygate.placeholder>
Date: Mon, 2 Jun 2025 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

$3

MBOX
}

# s-nail without any user or system configuration (-: /); -S mta: hand the message to a script
# that saves it, instead of an SMTP server.
nail() {
  out=$1; shift
  OUT="$here/$out" LC_ALL=C.UTF-8 s-nail -: / -S v15-compat -S mta="$work/save-stdin" \
      -S hostname=customer.test -S ttycharset=utf-8 -S expandaddr "$@"
}

# A reply: s-nail's own "reply" command on the notification, in batch mode, quoting it.
reply() {
  out=$1; charset=$2; from=$3; body=$4
  printf 'reply 1\n%s\n~.\nquit\n' "$body" |
    nail "$out" -# -~ -S sendcharsets="$charset" -S quote=noheading -r "$from" -f "$work/inbox"
}

notification 'John Smith <john@customer.test>' 'Your ticket #482914 was answered' \
  'Hello John, an operator answered your ticket. Please answer in the client area.'
reply reply-en-utf8.eml utf-8 'John Smith <john@customer.test>' \
  'Hello,

the renewal page still shows an error. Please have a look.

John'

# windows-1256 has the Arabic yeh (U+064A) but not the Persian one (U+06CC), nor Persian digits:
# Persian typed on Windows in that charset uses the Arabic letter, as here.
notification 'سارا احمدي <sara@customer.test>' 'پاسخ به تيکت 482913' \
  'سارا عزيز، اپراتور به تيکت شما پاسخ داد. لطفاً در ناحيه کاربري پاسخ دهيد.'
reply reply-fa-windows-1256.eml windows-1256 'سارا احمدي <sara@customer.test>' \
  'سلام،

سايت هنوز باز نمي‌شود. لطفاً دوباره بررسي کنيد.

سارا'

printf 'سلام،\n\nمی‌خواهم یک درخواست پشتیبانی تازه ثبت کنم: ایمیل‌های دامنه‌ام تحویل داده نمی‌شوند.\n\nسارا\n' |
  nail new-fa-utf8.eml -S sendcharsets=utf-8 -r 'سارا احمدی <sara@customer.test>' \
      -s 'درخواست پشتیبانی تازه' support@hosting.test

printf 'Hi,\n\nsince Monday my mail delivery failed for every message I send; the bounce says\n"Your message could not be delivered to the following recipients". Can you check?\n\nKim\n' |
  nail new-en-utf8.eml -S sendcharsets=utf-8 -r 'Kim Park <kim@customer.test>' \
      -s 'Mails to my colleagues bounce' support@hosting.test
