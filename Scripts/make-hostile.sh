#!/usr/bin/env bash
# Builds large and hostile inputs for measuring Earshot's limits and linear work (docs/reliability.md,
# "Large and hostile inputs"). Every file is generated, nothing is downloaded.
#
#   Scripts/make-hostile.sh [DIR]      # default: a new folder under ${TMPDIR:-/tmp}; prints its path
#
# Files written:
#   chat-1m.txt          one chat-log conversation of 1,000,000 turns (~70 MB)
#   earshot-1m.json      the same conversation as Earshot JSON (~90 MB)
#   pitch-20k.txt        20,000 turns where every agent turn is a sales pitch (premature-pitch detector)
#   pitch-4k.txt         the same with 4,000 turns
#   attributes-200k.xml  a Genesys transcript whose one <message> carries 200,000 attributes
#   turn-2mib.txt        one customer turn of 2 MiB of text
#   questions-20k.txt    10,000 customer questions in a row, then 10,000 agent replies
#
# Then, for example:
#   /usr/bin/time -v .build/release/earshot score DIR/chat-1m.txt --format json > /dev/null
set -euo pipefail
dir="${1:-$(mktemp -d "${TMPDIR:-/tmp}/earshot-hostile.XXXXXX")}"
mkdir -p "$dir"

# Realistic-looking alternating turns with varied words, so tokenizer, sentiment and detectors all
# have work to do; time-of-day stamps advance by 20 s a turn from the header date and roll over
# midnight 231 times (the reader must carry the day forward without rescanning).
awk -v turns=1000000 'BEGIN {
  split("order parcel refund invoice password router payment delivery account subscription", topic, " ")
  print "# id: hostile-1m"
  print "# channel: chat"
  print "# date: 2024-03-04"
  for (i = 0; i < turns; i++) {
    s = 36000 + i * 20
    t = sprintf("%02d:%02d:%02d", int(s / 3600) % 24, int(s / 60) % 60, s % 60)
    w = topic[i % 10 + 1]
    if (i % 2 == 0) {
      printf "[%s] Customer Dana: my %s number %d still has not arrived, why is that?\n", t, w, i
    } else {
      printf "[%s] Agent Bob: Sorry about the %s. I have checked it and it ships today.\n", t, w
    }
  }
}' > "$dir/chat-1m.txt"

awk -v turns=1000000 'BEGIN {
  split("order parcel refund invoice password router payment delivery account subscription", topic, " ")
  printf "{\"id\":\"hostile-1m\",\"channel\":\"chat\",\"participants\":[{\"id\":\"c\",\"role\":\"customer\"},"
  printf "{\"id\":\"a\",\"role\":\"agent\"}],\"turns\":["
  for (i = 0; i < turns; i++) {
    w = topic[i % 10 + 1]
    if (i > 0) printf ","
    if (i % 2 == 0) {
      printf "\n{\"speaker\":\"c\",\"at\":%d,\"text\":\"my %s number %d still has not arrived, why is that?\"}", \
        1709546400 + i * 20, w, i
    } else {
      printf "\n{\"speaker\":\"a\",\"at\":%d,\"text\":\"Sorry about the %s. I have checked it and it ships today.\"}", \
        1709546400 + i * 20, w
    }
  }
  print "]}"
}' > "$dir/earshot-1m.json"

# Every agent turn pitches before the problem is solved: the worst case of the premature-pitch detector.
for turns in 20000 4000; do
  awk -v turns="$turns" 'BEGIN {
    for (i = 0; i < turns; i++) {
      if (i % 2 == 0) {
        printf "Customer: My internet has been down since yesterday, case %d, and I work from home!\n", i
      } else {
        print "Agent: Sorry about that. Did you know we also have a premium plan with faster speeds? You can upgrade today."
      }
    }
  }' > "$dir/pitch-$((turns / 1000))k.txt"
done

awk -v count=200000 'BEGIN {
  printf "<?xml version=\"1.0\"?>\n<chatTranscript startAt=\"2024-03-04T10:00:00Z\" sessionId=\"attrs\">"
  printf "<newParty userId=\"1\"><userInfo userType=\"CLIENT\" userNick=\"Dana\"/></newParty>"
  printf "<newParty userId=\"2\"><userInfo userType=\"AGENT\" userNick=\"Bob\"/></newParty>\n"
  printf "<message userId=\"1\" timeShift=\"1\""
  for (i = 0; i < count; i++) printf " a%d=\"x\"", i
  print "><msgText>where is my order?</msgText></message>"
  print "<message userId=\"2\" timeShift=\"30\"><msgText>it ships today</msgText></message></chatTranscript>"
}' > "$dir/attributes-200k.xml"

awk 'BEGIN {
  print "Customer: where is my order?"
  printf "Agent: "
  for (i = 0; i < 2 * 1048576 / 16; i++) printf "it ships today. "
  print ""
}' > "$dir/turn-2mib.txt"

awk 'BEGIN {
  for (i = 0; i < 10000; i++) printf "Customer: Where is parcel %d and when will it arrive?\n", i
  for (i = 0; i < 10000; i++) printf "Agent: Parcel %d left the depot and arrives on Monday.\n", i
}' > "$dir/questions-20k.txt"

echo "$dir"
