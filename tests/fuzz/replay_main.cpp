// Runs a fuzz target's LLVMFuzzerTestOneInput over files, without libFuzzer: the g++ build
// of every target, so `make test` (ctest fuzz_replay_*) runs each over its seed corpus
// (tests/fuzz/<target>/) and every crash found so far, as a fast regression. Under the
// sanitizer build (make test-asan) the same replay runs under ASan and UBSan.
// Usage: fuzz_replay_<target> FILE|DIR...  Exit 0 when every input ran.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (int i = 1; i < argc; i++) {
        std::error_code ec;
        if (fs::is_directory(argv[i], ec)) {
            for (const auto& e : fs::recursive_directory_iterator(argv[i], ec))
                if (e.is_regular_file())
                    files.push_back(e.path());
        } else {
            files.push_back(argv[i]);
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "no inputs (an empty corpus proves nothing)\n");
        return 2;
    }
    for (const fs::path& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    }
    std::printf("%zu inputs ran\n", files.size());
    return 0;
}
