#include "kiosk/script.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace kiosk {

namespace {

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

struct CommandSpec {
    const char* Name;
    ScriptCommand Command;
    bool NeedsArg;
};
const CommandSpec kCommands[] = {
    {"tap", ScriptCommand::Tap, true},
    {"type", ScriptCommand::Type, true},
    {"wait", ScriptCommand::Wait, true},
    {"sleep", ScriptCommand::Sleep, true}, // real time, for background work such as sync
    {"expect-screen", ScriptCommand::ExpectScreen, true},
    {"expect-text", ScriptCommand::ExpectText, true},
    {"targets", ScriptCommand::Targets, false},
    {"screenshot", ScriptCommand::Screenshot, true},
    {"hold", ScriptCommand::Hold, true}, // hold TARGET SECONDS: a long press
};

} // namespace

bool ParseScript(std::string_view text, std::vector<ScriptLine>* out, std::string* error) {
    int number = 0;
    while (!text.empty()) {
        size_t nl = text.find('\n');
        std::string_view raw = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        number++;
        std::string_view line = Trim(raw);
        if (line.empty() || line.front() == '#')
            continue;
        size_t sp = line.find_first_of(" \t");
        std::string_view name = line.substr(0, sp);
        std::string_view arg = sp == std::string_view::npos ? std::string_view() : Trim(line.substr(sp));

        const CommandSpec* spec = nullptr;
        for (const CommandSpec& c : kCommands)
            if (name == c.Name)
                spec = &c;
        auto fail = [&](const std::string& why) {
            *error = "line " + std::to_string(number) + ": " + why;
            return false;
        };
        if (!spec)
            return fail("unknown command '" + std::string(name) +
                        "' (known: tap, type, wait, sleep, expect-screen, expect-text, targets, screenshot, hold)");
        if (spec->NeedsArg && arg.empty())
            return fail("'" + std::string(name) + "' needs an argument");
        if (!spec->NeedsArg && !arg.empty())
            return fail("'" + std::string(name) + "' takes no argument");

        ScriptLine sl;
        sl.Number = number;
        sl.Command = spec->Command;
        sl.Arg = std::string(arg);
        if (sl.Command == ScriptCommand::Wait || sl.Command == ScriptCommand::Sleep) {
            std::string num(arg);
            char* end = nullptr;
            errno = 0;
            sl.Seconds = std::strtod(num.c_str(), &end);
            if (errno != 0 || end == num.c_str() || *end != '\0' || !std::isfinite(sl.Seconds) || sl.Seconds < 0)
                return fail("'" + std::string(name) + "' needs a number of seconds, not '" + num + "'");
        }
        if (sl.Command == ScriptCommand::Hold) { // the last word is the seconds, the rest the target
            size_t last = arg.find_last_of(" \t");
            std::string num(last == std::string_view::npos ? std::string_view() : arg.substr(last + 1));
            char* end = nullptr;
            errno = 0;
            sl.Seconds = std::strtod(num.c_str(), &end);
            if (num.empty() || errno != 0 || end == num.c_str() || *end != '\0' || !std::isfinite(sl.Seconds) ||
                sl.Seconds < 0)
                return fail("'hold' needs a target and a number of seconds, like 'hold admin-corner 3'");
            sl.Arg = std::string(Trim(arg.substr(0, last)));
        }
        out->push_back(std::move(sl));
    }
    return true;
}

} // namespace kiosk
