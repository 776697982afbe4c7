// The kiosk's one data path (docs/kiosk-data-path.md): actions wait in a FIFO queue; each
// is stepped (Step() in kiosk/flow.cpp), then the effects of that step run, in the order
// the step made them; what an effect reports (a commit, a load) is pushed onto the back
// of the queue as a new action, and is stepped after every effect of the step before it.
// Never a nested step: the order of effects does not depend on how deep a call chain is.
#pragma once
#include "kiosk/flow.hpp"

#include <deque>
#include <functional>

namespace kiosk {

class ActionQueue {
public:
    // Runs one effect; it may Push() the actions that answer it.
    using EffectRunner = std::function<void(const Effect&)>;

    void Push(Action action) { Pending.push_back(std::move(action)); }
    bool Empty() const { return Pending.empty(); }
    // Steps every queued action in order, running each step's effects after it, until
    // the queue is empty (the actions the effects push included). A Drain() called while
    // one runs (from an effect) only returns: the running one takes what was pushed.
    void Drain(const FlowContext& ctx, FlowState* state, const std::function<double()>& now,
               const EffectRunner& run);

private:
    std::deque<Action> Pending;
    bool Draining = false;
};

} // namespace kiosk
