/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fixture for test_elf_reader: a versioned shared library exercising every
 * kind of symbol the reader must classify. Built at test time with
 * sample.map as version script.
 */
#include <stdio.h>

int sample_counter = 42;

int sample_add(int a, int b)
{
	return a + b;
}

/* Hidden visibility: never in .dynsym. */
__attribute__((visibility("hidden"))) int sample_hidden(void)
{
	return 7;
}

/* Global in C but "local:" in the version script. */
int sample_internal(void)
{
	return sample_hidden();
}

int sample_new(void)
{
	/* An undefined reference (puts) that must not be listed. */
	return puts("sample") + sample_internal();
}

__attribute__((weak)) int sample_weak(void)
{
	return 3;
}

__attribute__((visibility("protected"))) int sample_protected(void)
{
	return 4;
}

static int sample_ifunc_impl(void)
{
	return 5;
}

static int (*resolve_sample_ifunc(void))(void)
{
	return sample_ifunc_impl;
}

int sample_ifunc(void) __attribute__((ifunc("resolve_sample_ifunc")));

/* Two versions of vfoo: the old one kept for binaries linked against
 * VER_1, the default one for new links. */
int vfoo_v1(void)
{
	return 1;
}

int vfoo_v2(void)
{
	return 2;
}

__asm__(".symver vfoo_v1, vfoo@VER_1");
__asm__(".symver vfoo_v2, vfoo@@VER_2");
