#include "kiosk/action_queue.hpp"

namespace kiosk {

void ActionQueue::Drain(const FlowContext& ctx, FlowState* state, const std::function<double()>& now,
                        const EffectRunner& run) {
    if (Draining)
        return;
    Draining = true;
    while (!Pending.empty()) {
        Action action = std::move(Pending.front());
        Pending.pop_front();
        std::vector<Effect> effects;
        *state = Step(ctx, std::move(*state), action, now(), &effects);
        for (const Effect& e : effects)
            run(e);
    }
    Draining = false;
}

} // namespace kiosk
