/*
 * rtc.h: the PC's CMOS real-time clock (MC146818-compatible), read once at
 * boot for the wall-clock time (dev/rtc/rtc.c).
 *
 * Only <sys/types.h> here: host unit tests include this header beside
 * the C library's.
 */
#ifndef _DEV_RTC_RTC_H_
#define _DEV_RTC_RTC_H_

#include <sys/types.h>

struct clocktime;
struct timespec;

/* CMOS register indexes. */
#define RTC_SEC		0x00
#define RTC_MIN		0x02
#define RTC_HRS		0x04
#define RTC_WDAY	0x06	/* 1-7, Sunday = 1; unreliable, unused */
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09	/* 0-99 */
#define RTC_STATUSA	0x0a
#define RTC_STATUSB	0x0b
#define RTC_CENTURY	0x32	/* the usual century register */
#define RTC_NREGS	128

#define RTCSA_TUP	0x80	/* update in progress: wait */
#define RTCSB_24HR	0x02	/* 24-hour mode, else 12-hour */
#define RTCSB_BIN	0x04	/* binary fields, else BCD */
#define RTC_HRS_PM	0x80	/* 12-hour mode: PM */

int	rtc_decode(const uint8_t regs[RTC_NREGS], u_int century_reg,
	    struct clocktime *ct);
int	rtc_read(struct clocktime *ct);
int	rtc_gettime(struct timespec *ts);

#endif /* !_DEV_RTC_RTC_H_ */
