#include "widgets/registry.hpp"

namespace widgets {

static FrameRecord g_record;

void BeginRecord() {
    g_record.Targets.clear();
    g_record.Texts.clear();
    g_record.TextBoxes.clear();
}

FrameRecord& Record() { return g_record; }

void RecordTarget(std::string_view id, std::string_view label, ImVec2 min, ImVec2 max) {
    g_record.Targets.push_back({std::string(id), std::string(label), min, max});
}

void RecordText(std::string_view text) { g_record.Texts.emplace_back(text); }

void RecordTextBox(std::string_view text, ImVec2 min, ImVec2 max) {
    g_record.TextBoxes.push_back({std::string(text), min, max});
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
