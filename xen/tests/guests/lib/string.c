/* SPDX-License-Identifier: MIT */
/* The few libc string functions the compiler and the tests call. */
#include "guest.h"

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

/* Is 'word' one of the space-separated words of 's'? */
bool has_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	while (*s) {
		while (*s == ' ')
			s++;
		if (!strncmp(s, word, n) && (s[n] == ' ' || s[n] == '\0'))
			return true;
		while (*s && *s != ' ')
			s++;
	}
	return false;
}

/* The number in the word "key=N" of 's' (decimal or 0x hex), if present. */
bool word_value(const char *s, const char *key, unsigned long *val)
{
	size_t n = strlen(key);

	while (*s) {
		while (*s == ' ')
			s++;
		if (!strncmp(s, key, n) && s[n] == '=') {
			unsigned long v = 0, base = 10;

			s += n + 1;
			if (s[0] == '0' && s[1] == 'x')
				base = 16, s += 2;
			for (; *s && *s != ' '; s++) {
				unsigned int d = *s >= 'a' ? *s - 'a' + 10 : *s - '0';

				if (d >= base)
					return false;
				v = v * base + d;
			}
			*val = v;
			return true;
		}
		while (*s && *s != ' ')
			s++;
	}
	return false;
}
