/*
 * wrong_abi.c: a test fixture, a hand library built against another ABI version. dexd must
 * refuse to load it and name both versions. Only the version call is implemented: dexd asks
 * for it before binding anything else.
 */
#include "dexd_hand.h"

#define FIXTURE_ABI_VERSION (DEXD_HAND_ABI_VERSION + 98)

int dexd_hand_abi_version(void)
{
    return FIXTURE_ABI_VERSION;
}
