#include "widgets/hold.hpp"
#include "widgets/registry.hpp"
#include "widgets/touch.hpp"


namespace widgets {

bool HoldArea(const Theme& t, std::string_view id, std::string_view label, ImVec2 pos, ImVec2 size) {
    TargetHit hit;
    if (!AddTarget(t, id, pos, size, false, &hit))
        return false;
    RecordTarget(id, label, hit.Min, hit.Max);
    return hit.Held && hit.Hovered; // sliding off lets go
}

} // namespace widgets
