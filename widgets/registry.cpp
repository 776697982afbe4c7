#include "widgets/registry.hpp"
#include <algorithm>

namespace widgets {

static FrameRecord g_record;
static TextRole g_role = TextRole::Other;
static bool g_measuring = false;

const char* RoleName(TextRole role) {
    switch (role) {
    case TextRole::Title: return "title";
    case TextRole::Question: return "question";
    case TextRole::Option: return "option";
    case TextRole::Hint: return "hint";
    case TextRole::Body: return "body";
    case TextRole::Corner: return "corner";
    case TextRole::Nav: return "nav";
    case TextRole::Language: return "language";
    case TextRole::Other: break;
    }
    return "other";
}

RoleScope::RoleScope(TextRole role) : Prev(g_role) { g_role = role; }
RoleScope::~RoleScope() { g_role = Prev; }
TextRole CurrentRole() { return g_role; }

MeasureScope::MeasureScope() : Prev(g_measuring) { g_measuring = true; }
MeasureScope::~MeasureScope() { g_measuring = Prev; }
bool Measuring() { return g_measuring; }

void BeginRecord() {
    g_record.Targets.clear();
    g_record.Texts.clear();
    g_record.TextBoxes.clear();
    g_record.Marks.clear();
    g_record.Bars.clear();
}

FrameRecord& Record() { return g_record; }

void RecordTarget(std::string_view id, std::string_view label, ImVec2 min, ImVec2 max, int kind) {
    if (g_measuring)
        return;
    g_record.Targets.push_back({std::string(id), std::string(label), min, max, kind});
}

void RecordText(std::string_view text) {
    if (!g_measuring)
        g_record.Texts.emplace_back(text);
}

void RecordTextBox(std::string_view text, ImVec2 min, ImVec2 max, float size, bool bold) {
    if (g_measuring)
        return;
    g_record.TextBoxes.push_back({std::string(text), min, max, g_role, size, bold});
}

void RecordBar(const ChartBar& bar) {
    if (!g_measuring)
        g_record.Bars.push_back(bar);
}

int NewChart() {
    int last = 0;
    for (const ChartBar& b : g_record.Bars)
        last = std::max(last, b.Chart);
    return last + 1;
}

void RecordMark(std::string_view what, ImVec2 min, ImVec2 max) {
    if (g_measuring)
        return;
    g_record.Marks.push_back({std::string(what), min, max, TextRole::Other, 0, false});
}

const Target* FindTarget(const FrameRecord& rec, std::string_view key) {
    for (const Target& t : rec.Targets)
        if (t.Id == key)
            return &t;
    for (const Target& t : rec.Targets)
        if (t.Label == key)
            return &t;
    return nullptr;
}

bool HasText(const FrameRecord& rec, std::string_view text) {
    for (const std::string& t : rec.Texts)
        if (t.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace widgets
