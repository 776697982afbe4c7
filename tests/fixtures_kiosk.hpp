// The flow test harness shared by the kiosk's tests (test_flow*.cpp, test_speech_flow.cpp,
// the campfire and screen tests, the action queue's): a pack, a state, a fake clock, and
// the effects of the last step and of every step. Pure: no ImGui, no SQLite.
#pragma once
#include "kiosk/flow.hpp"
#include "test_packs.hpp"

#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

// An effect as its area's type; REQUIREs that it is one.
template <class E>
const E& As(const kiosk::Effect& e) {
    REQUIRE(std::holds_alternative<E>(e));
    return std::get<E>(e);
}

// Whether an effect is of one kind (and so of that kind's area).
inline bool Is(const kiosk::Effect& e, kiosk::VisitEffectKind kind) {
    const auto* x = std::get_if<kiosk::VisitEffect>(&e);
    return x && x->Kind == kind;
}
inline bool Is(const kiosk::Effect& e, kiosk::SpeechEffectKind kind) {
    const auto* x = std::get_if<kiosk::SpeechEffect>(&e);
    return x && x->Kind == kind;
}
inline bool Is(const kiosk::Effect& e, kiosk::AdminEffectKind kind) {
    const auto* x = std::get_if<kiosk::AdminEffect>(&e);
    return x && x->Kind == kind;
}
inline bool Is(const kiosk::Effect& e, kiosk::CampfireEffectKind kind) {
    const auto* x = std::get_if<kiosk::CampfireEffect>(&e);
    return x && x->Kind == kind;
}

// The effect type of each kind enum, for FlowHarness::Find.
template <class K> struct EffectOf;
template <> struct EffectOf<kiosk::VisitEffectKind> { using Type = kiosk::VisitEffect; };
template <> struct EffectOf<kiosk::SpeechEffectKind> { using Type = kiosk::SpeechEffect; };
template <> struct EffectOf<kiosk::AdminEffectKind> { using Type = kiosk::AdminEffect; };
template <> struct EffectOf<kiosk::CampfireEffectKind> { using Type = kiosk::CampfireEffect; };

struct FlowHarness {
    kiosk::FlowContext Ctx;
    kiosk::FlowState S;
    double Now = 1000.0;
    std::vector<kiosk::Effect> Effects; // of the last action
    std::vector<kiosk::Effect> All;     // of every action

    explicit FlowHarness(const content::Pack& pack = BundledPack(), const std::string& lang = "nl") {
        Ctx.Pack = &pack;
        S = kiosk::InitialState(Ctx, lang, Now);
    }
    void Do(const kiosk::Action& a) {
        Effects.clear();
        S = kiosk::Step(Ctx, S, a, Now, &Effects);
        All.insert(All.end(), Effects.begin(), Effects.end());
    }
    void Do(kiosk::CommonKind kind) { Do(kiosk::CommonAction{kind}); }
    void Do(kiosk::VisitKind kind, std::string value = {}) { Do(kiosk::VisitAction{kind, std::move(value)}); }
    void Do(kiosk::SpeechKind kind) { Do(kiosk::SpeechAction{kind}); }
    void Do(kiosk::AdminKind kind, std::string value = {}) { Do(kiosk::AdminAction{kind, std::move(value)}); }
    void Do(kiosk::CampfireKind kind, std::string value = {}) { Do(kiosk::CampfireAction{kind, std::move(value)}); }
    void Tick(double seconds) {
        Now += seconds;
        Do(kiosk::CommonKind::Tick);
    }
    // The first effect of the last step of this kind, or nullptr.
    template <class K>
    const typename EffectOf<K>::Type* Find(K kind) const {
        for (const kiosk::Effect& e : Effects)
            if (Is(e, kind))
                return &std::get<typename EffectOf<K>::Type>(e);
        return nullptr;
    }
    template <class K>
    bool Has(K kind) const {
        return Find(kind) != nullptr;
    }
};
