#!/usr/bin/env python3
"""Writes kader.1 (man(7) format) from the command definitions: the JSON that
`kader --experimental-dump-help` prints (swift-argument-parser's ToolInfo), so the man page
always matches `kader --help`. One page: every subcommand with its arguments and options, then
the exit statuses and files.

Usage: kader --experimental-dump-help | python3 scripts/generate-manual.py VERSION DATE > kader.1
"""
import json
import sys


def esc(text):
    """Escapes text for roff: backslashes, and a leading dot or quote."""
    text = (text or "").replace("\\", "\\e").replace("-", "\\-")
    lines = []
    for line in text.split("\n"):
        if line.startswith(".") or line.startswith("'"):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def name_of(n):
    return ("-" if n["kind"] == "short" else "--") + n["name"]


def synopsis(arg):
    if arg["kind"] == "positional":
        s = "<" + arg.get("valueName", "value") + ">"
    else:
        s = name_of(arg.get("preferredName") or arg["names"][0])
        if arg["kind"] == "option":
            s += " <" + arg.get("valueName", "value") + ">"
    if arg.get("isRepeating"):
        s += " ..."
    return ("[" + s + "]") if arg.get("isOptional") else s


def visible(args):
    """Displayed arguments, without the --help and --version every command has."""
    return [
        a for a in args or []
        if a.get("shouldDisplay", True) and (a.get("preferredName") or {}).get("name") not in ("help", "version")
    ]


def describe(arg):
    text = arg.get("abstract", "")
    extra = []
    if arg.get("allValues"):
        extra.append("values: " + ", ".join(arg["allValues"]))
    if arg.get("defaultValue") not in (None, ""):
        extra.append("default: " + arg["defaultValue"])
    if extra:
        text += " (" + "; ".join(extra) + ")"
    if arg.get("discussion"):
        text += " " + arg["discussion"]
    return text


def command(out, cmd, path):
    full = " ".join(path)
    args = visible(cmd.get("arguments"))
    subs = [s for s in cmd.get("subcommands", []) if s.get("shouldDisplay", True) and s["commandName"] != "help"]
    if len(path) > 1:
        out.append(".SS " + esc(full))
        out.append(".B " + esc(full))
        for a in args:
            out.append(esc(synopsis(a)))
        if subs:
            out.append("<subcommand>")
        out.append(".PP")
        out.append(esc(cmd.get("abstract", "")))
        if cmd.get("discussion"):
            out.append(".PP")
            out.append(esc(cmd["discussion"]))
        for a in args:
            names = ", ".join(name_of(n) for n in a.get("names", [])) or "<" + a.get("valueName", "value") + ">"
            if a["kind"] == "option":
                names += " <" + a.get("valueName", "value") + ">"
            out.append(".TP")
            out.append(".B " + esc(names))
            out.append(esc(describe(a)))
    for s in subs:
        command(out, s, path + [s["commandName"]])


def main():
    version = sys.argv[1] if len(sys.argv) > 1 else ""
    date = sys.argv[2] if len(sys.argv) > 2 else ""
    root = json.load(sys.stdin)["command"]
    name = root["commandName"]
    out = [
        '.TH %s 1 "%s" "%s %s" "User Commands"' % (name.upper(), date, name, version),
        ".SH NAME",
        esc(name) + " \\- " + esc(root.get("abstract", "")),
        ".SH SYNOPSIS",
        ".B " + esc(name),
        "[<subcommand>] [<options>]",
        ".SH DESCRIPTION",
        esc(root.get("discussion", "")),
        ".PP",
        "Without a subcommand, " + esc(name) + " runs " + esc(root.get("defaultSubcommand") or "code") + ".",
        ".SH COMMANDS",
    ]
    command(out, root, [name])
    out += [
        ".SH EXIT STATUS",
        ".TP", ".B 0", "Done; for status, check and codebook check: nothing needs attention.",
        ".TP", ".B 1", "An error (one sentence on standard error, naming the file and the problem), or status,"
        " check or codebook check found something that needs attention.",
        ".TP", ".B 64", "A usage error: an unknown option, a missing or malformed argument, or a mistyped command.",
        ".SH FILES",
        ".TP", ".I Codebooks/", "The codebook (YAML or JSON).",
        ".TP", ".I Transcripts/", "Transcripts: .txt .md .docx .vtt .srt .xml (TEI), with optional FILE.meta.yaml sidecars.",
        ".TP", ".I Codings/<coder>/<document>.json", "One coder's codings of one document, canonical JSON.",
        ".TP", ".I kader.yaml", "Optional project settings.",
        ".TP", ".I ~/.config/kader/keymap.yaml", "Optional key bindings ($KADER_KEYMAP).",
        ".SH ENVIRONMENT",
        ".TP", ".B KADER_CODER", "The coder name when --coder is not given (else the login name).",
        ".SH SEE ALSO",
        "The README of the Kader repository; " + esc(name) + " <subcommand> \\-\\-help.",
    ]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
