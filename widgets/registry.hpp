// What the last frame showed: every touch target (stable id, label, box) and every
// text drawn. Scripts tap by id and check text through it; tests measure targets.
#pragma once
#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace widgets {

struct Target {
    std::string Id;
    std::string Label;
    ImVec2 Min, Max;
    ImVec2 Center() const { return ImVec2((Min.x + Max.x) * 0.5f, (Min.y + Max.y) * 0.5f); }
    float Width() const { return Max.x - Min.x; }
    float Height() const { return Max.y - Min.y; }
};

// Where a text was drawn: tests check that nothing is cut off or overlaps (large text).
struct TextBox {
    std::string Text;
    ImVec2 Min, Max;
};

struct FrameRecord {
    std::vector<Target> Targets;
    std::vector<std::string> Texts;
    std::vector<TextBox> TextBoxes;
};

void BeginRecord(); // call before drawing a frame
FrameRecord& Record();

void RecordTarget(std::string_view id, std::string_view label, ImVec2 min, ImVec2 max);
void RecordText(std::string_view text);
void RecordTextBox(std::string_view text, ImVec2 min, ImVec2 max);

// The target whose id, else whose label, equals key; nullptr if none.
const Target* FindTarget(const FrameRecord& rec, std::string_view key);
// True if text is part of any text drawn in the frame.
bool HasText(const FrameRecord& rec, std::string_view text);

} // namespace widgets
