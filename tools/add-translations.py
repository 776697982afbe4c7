#!/usr/bin/env python3
"""Adds translations to a content pack without reformatting it.

usage: tools/add-translations.py PACK.json LANG=FILE.json [LANG=FILE.json ...]

Each FILE.json maps a text's path in the pack ("/ui/attract.title",
"/polls/0/questions/2/prompt") to its translation. A text object gets the new
language after its last one, aligned under its "nl" key; the pack's "languages"
list gets the code. Existing translations are replaced. A path that is not a text
in the pack, or a text without a translation, is an error and nothing is written.
"""
import json
import sys


def scan(src):
    """Yields (path, key_col, close_pos, members) for every object holding "nl".

    A small JSON walker that keeps positions, so the file's layout survives."""
    pos = 0
    line_starts = [0]
    for i, c in enumerate(src):
        if c == '\n':
            line_starts.append(i + 1)

    def col(p):
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= p:
                lo = mid
            else:
                hi = mid - 1
        return p - line_starts[lo]

    def ws(p):
        while p < len(src) and src[p] in ' \t\r\n':
            p += 1
        return p

    found = []

    def string(p):
        assert src[p] == '"'
        q = p + 1
        while src[q] != '"':
            q += 2 if src[q] == '\\' else 1
        return json.loads(src[p:q + 1]), q + 1

    def value(p, path):
        p = ws(p)
        c = src[p]
        if c == '{':
            p = ws(p + 1)
            members = {}
            first_key = None
            while src[p] != '}':
                kpos = p
                k, p = string(p)
                p = ws(p)
                assert src[p] == ':'
                p = ws(p + 1)
                vstart = p
                p = value(p, path + '/' + k)
                members[k] = (kpos, vstart, p)
                if k == 'nl' and first_key is None:
                    first_key = kpos
                p = ws(p)
                if src[p] == ',':
                    p = ws(p + 1)
            if 'nl' in members and src[members['nl'][1]] == '"':
                last_end = max(e for (_, _, e) in members.values())
                found.append((path, col(members['nl'][0]), last_end, members))
            return p + 1
        if c == '[':
            p = ws(p + 1)
            i = 0
            while src[p] != ']':
                p = value(p, path + '/' + str(i))
                i += 1
                p = ws(p)
                if src[p] == ',':
                    p = ws(p + 1)
            return p + 1
        if c == '"':
            return string(p)[1]
        q = p
        while src[q] not in ',}] \t\r\n':
            q += 1
        return q

    value(0, '')
    return found


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    pack_path = sys.argv[1]
    src = open(pack_path, encoding='utf-8').read()
    langs = []
    for arg in sys.argv[2:]:
        lang, _, file = arg.partition('=')
        langs.append((lang, json.load(open(file, encoding='utf-8'))))
    texts = scan(src)
    paths = {t[0] for t in texts}
    errors = []
    for lang, tr in langs:
        for p in sorted(set(tr) - paths):
            errors.append(f"{lang}: {p} is not a text in {pack_path}")
        for p in sorted(paths - set(tr)):
            errors.append(f"{lang}: no translation for {p}")
    if errors:
        print('\n'.join(errors), file=sys.stderr)
        return 1
    # Edit from the end so earlier positions stay valid.
    edits = []  # (start, end, replacement)
    for path, key_col, last_end, members in texts:
        for lang, tr in langs:
            text = json.dumps(tr[path], ensure_ascii=False)
            if lang in members:
                _, vstart, vend = members[lang]
                edits.append((vstart, vend, text))
            else:
                edits.append((last_end, last_end, ',\n' + ' ' * key_col + json.dumps(lang) + ': ' + text))
    # Several insertions at one point keep the order of the command line.
    edits.sort(key=lambda e: e[0], reverse=True)
    out = src
    groups = {}
    for s, e, r in edits:
        groups.setdefault((s, e), []).append(r)
    for (s, e) in sorted(groups, reverse=True):
        out = out[:s] + ''.join(groups[(s, e)]) + out[e:]
    pack = json.loads(out)
    for lang, _ in langs:
        if lang not in pack['languages']:
            pack['languages'].append(lang)
    start = out.index('"languages"')
    end = out.index(']', start) + 1
    out = out[:start] + '"languages": ' + json.dumps(pack['languages']) + out[end:]
    json.loads(out)
    open(pack_path, 'w', encoding='utf-8').write(out)
    print(f"{pack_path}: {len(texts)} texts, added {', '.join(l for l, _ in langs)}")
    return 0


if __name__ == '__main__':
    sys.exit(main())
