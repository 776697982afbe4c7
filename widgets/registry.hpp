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
    int Kind = -1; // the ButtonKind of a touch button (its face colour), -1 for other targets
    ImVec2 Center() const { return ImVec2((Min.x + Max.x) * 0.5f, (Min.y + Max.y) * 0.5f); }
    float Width() const { return Max.x - Min.x; }
    float Height() const { return Max.y - Min.y; }
};

// What a text is on its screen: one size and one weight per role (issue 15), checked on
// the text as drawn. Screens say the role with a RoleScope; the rest is Other.
enum class TextRole { Other, Title, Question, Option, Hint, Body, Corner, Nav, Language };
const char* RoleName(TextRole role);

// Where a text was drawn: tests check that nothing is cut off or overlaps (large text),
// and the type scale (role, size in px, bold or regular).
struct TextBox {
    std::string Text;
    ImVec2 Min, Max;
    TextRole Role = TextRole::Other;
    float Size = 0;
    bool Bold = false;
};

// The texts drawn while it lives have this role.
class RoleScope {
public:
    explicit RoleScope(TextRole role);
    ~RoleScope();
    RoleScope(const RoleScope&) = delete;
    RoleScope& operator=(const RoleScope&) = delete;

private:
    TextRole Prev;
};
TextRole CurrentRole();

// While one lives, texts are measured, not drawn, and nothing is recorded: a screen tries
// a layout before it draws it (the attract screen fits its texts above the ways in).
// Code that draws on the draw list itself asks Measuring() first.
class MeasureScope {
public:
    MeasureScope();
    ~MeasureScope();
    MeasureScope(const MeasureScope&) = delete;
    MeasureScope& operator=(const MeasureScope&) = delete;

private:
    bool Prev;
};
bool Measuring();

// A bar of a chart as drawn (issue 15's honest charts): its track is 100 %, Filled px of
// it drawn for Share (0 to 1), and the words beside it (the percentage and the count, with
// a unit where there is one).
struct ChartBar {
    ImVec2 Min, Max; // the track
    float Filled = 0;
    float Share = 0;
    std::string Text;
    int Chart = 0; // the bars of one chart share it (NewChart)
};

struct FrameRecord {
    std::vector<Target> Targets;
    std::vector<std::string> Texts;
    std::vector<TextBox> TextBoxes;
    std::vector<TextBox> Marks; // check marks and rank badges on buttons: no word under them
    std::vector<ChartBar> Bars;
};

void BeginRecord(); // call before drawing a frame
FrameRecord& Record();

void RecordTarget(std::string_view id, std::string_view label, ImVec2 min, ImVec2 max, int kind = -1);
void RecordText(std::string_view text);
// size: the font size drawn (px); bold: the bold face. The role is CurrentRole().
void RecordTextBox(std::string_view text, ImVec2 min, ImVec2 max, float size = 0, bool bold = false);
void RecordMark(std::string_view what, ImVec2 min, ImVec2 max);
void RecordBar(const ChartBar& bar);
// A new chart's id for its bars, unique within the frame.
int NewChart();

// The target whose id, else whose label, equals key; nullptr if none.
const Target* FindTarget(const FrameRecord& rec, std::string_view key);
// True if text is part of any text drawn in the frame.
bool HasText(const FrameRecord& rec, std::string_view text);

} // namespace widgets
