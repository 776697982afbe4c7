#include "widgets/hold.hpp"
#include "widgets/registry.hpp"

#include <imgui_internal.h>

#include <algorithm>

namespace widgets {

bool HoldArea(const Theme& t, std::string_view id, std::string_view label, ImVec2 pos, ImVec2 size) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems)
        return false;
    size.x = std::max(size.x, t.MinTargetPx());
    size.y = std::max(size.y, t.MinTargetPx());
    const ImGuiID gid = window->GetID(id.data(), id.data() + id.size());
    const ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImGui::SetCursorScreenPos(pos);
    ImGui::ItemSize(size);
    if (!ImGui::ItemAdd(bb, gid))
        return false;
    bool hovered = false, held = false;
    ImGui::ButtonBehavior(bb, gid, &hovered, &held);
    RecordTarget(id, label, bb.Min, bb.Max);
    return held && hovered; // sliding off lets go
}

} // namespace widgets
