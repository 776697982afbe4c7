// Fuzz target: the population CSV reader of the report (store/report/population.cpp), and
// its check against the bundled pack.
#include "content/pack_loader.hpp"
#include "store/report/population.hpp"

#include <cstdint>
#include <string_view>

#ifndef WIJKSTEM_SOURCE_DIR
#error "WIJKSTEM_SOURCE_DIR: the pack to check against"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const content::LoadResult pack = content::LoadPack(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model");
    report::Population population;
    std::vector<std::string> problems =
        report::ParsePopulation(std::string_view(reinterpret_cast<const char*>(data), size), "wijkkompas.csv", &population);
    if (problems.empty())
        report::CheckPopulation(population, pack.Pack);
    return 0;
}
