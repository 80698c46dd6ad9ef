// libFuzzer's driver, for fuzz targets whose `main` is their own (SwiftPM names every executable's
// entry point itself and aliases `main` to it, which replaces libFuzzer's `main`). The symbol comes
// from the libFuzzer runtime that `-sanitize=fuzzer` links.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
