// Kiosk scripts (DESIGN.md): one command a line, '#' starts a comment.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class ScriptCommand { Tap, Type, Wait, Sleep, ExpectScreen, ExpectText, Targets, Screenshot, Hold };

struct ScriptLine {
    int Number = 0; // 1-based line in the file
    ScriptCommand Command = ScriptCommand::Targets;
    std::string Arg;
    double Seconds = 0.0; // for wait, sleep and hold (hold TARGET SECONDS: Arg is the target)
};

// Parses a whole script. On a bad line returns false with "line N: why" in *error.
bool ParseScript(std::string_view text, std::vector<ScriptLine>* out, std::string* error);

} // namespace kiosk
