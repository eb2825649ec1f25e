#!/usr/bin/env python3
"""Verifies a letter's ledger: verify_ledger.py BASE_URL LETTER [SEQUENCE:HASH]"""
import hashlib, json, sys, urllib.request

def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)

def canonical_hash(entry):
    fields = {key: value for key, value in entry.items() if key != "hash"}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

def verify(base, letter, kept=None):
    head = get(f"{base}/v1/letters/{letter}/ledger/head")
    previous, sequence, cursor, hashes = "0" * 64, 0, None, {}
    while sequence < head["sequence"]:
        page = get(f"{base}/v1/letters/{letter}/ledger?limit=100" + (f"&cursor={cursor}" if cursor else ""))
        for entry in page["items"][: head["sequence"] - sequence]:
            sequence += 1
            if entry["sequence"] != sequence:
                return f"entry {sequence} is missing"
            if entry["previous_hash"] != previous:
                return f"entry {sequence} does not follow entry {sequence - 1}"
            if canonical_hash(entry) != entry["hash"]:
                return f"entry {sequence} was altered: its hash does not match its content"
            previous = hashes[sequence] = entry["hash"]
        cursor = page["next_cursor"]
        if not page["items"] or (cursor is None and sequence < head["sequence"]):
            return f"the chain ends at {sequence}, before the head {head['sequence']}"
    if previous != head["hash"]:
        return "the chain does not end in the head"
    if kept:
        kept_sequence, kept_hash = kept.split(":")
        if hashes.get(int(kept_sequence), "0" * 64 if kept_sequence == "0" else None) != kept_hash:
            return f"the chain no longer holds the kept head {kept}"
    return None

if __name__ == "__main__":
    problem = verify(sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    if problem:
        print("FAILED:", problem)
        sys.exit(1)
    print("verified")
