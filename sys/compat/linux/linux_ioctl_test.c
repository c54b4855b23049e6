/*
 * linux_ioctl_test.c: in-kernel tests of the termios translation
 * between Linux's layout and Umbra's.
 */
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/ktest.h>
#include <sys/termios.h>
#include <sys/tty.h>

#include <compat/linux/linux_ioctl.h>

/* A new terminal's settings in Linux's values (as a Linux console's). */
KTEST(linux_ioctl, termios_to_linux)
{
	struct termios t;
	struct l_termios lt;

	tty_init_termios(&t);
	linux_from_termios(&t, &lt);
	KT_EXPECT_EQ(kt, lt.c_lflag & 0000013, 0000013);  /* ISIG ICANON ECHO */
	KT_EXPECT_EQ(kt, lt.c_oflag, 0000005);		   /* OPOST ONLCR */
	KT_EXPECT_EQ(kt, lt.c_iflag & 0000400, 0000400);  /* ICRNL */
	KT_EXPECT_EQ(kt, lt.c_cflag & 0010017, 0010002);  /* B115200 */
	KT_EXPECT_EQ(kt, lt.c_cflag & 0000060, 0000060);  /* CS8 */
	KT_EXPECT_EQ(kt, lt.c_cc[0], 3);		   /* VINTR ^C */
	KT_EXPECT_EQ(kt, lt.c_cc[2], 0x7f);		   /* VERASE */
	KT_EXPECT_EQ(kt, lt.c_cc[4], 4);		   /* VEOF ^D */
	KT_EXPECT_EQ(kt, lt.c_cc[6], 1);		   /* VMIN */
	KT_EXPECT_EQ(kt, lt.c_cc[5], 0);		   /* VTIME */
	KT_EXPECT_EQ(kt, lt.c_cc[11], 0);		   /* VEOL: disabled */
}

/* Linux -> Umbra -> Linux keeps every mapped bit and character. */
KTEST(linux_ioctl, termios_round_trip)
{
	struct termios t;
	struct l_termios lt, lt2;

	memset(&lt, 0, sizeof(lt));
	lt.c_iflag = 0000040 | 0000200 | 0002000;	/* ISTRIP IGNCR IXON */
	lt.c_oflag = 0000001;				/* OPOST, no ONLCR */
	lt.c_cflag = 0000040 | 0000200 | 0000015;	/* CS7 CREAD B9600 */
	lt.c_lflag = 0000001 | 0000100;			/* ISIG ECHONL */
	lt.c_cc[0] = 7;
	lt.c_cc[6] = 0;
	lt.c_cc[5] = 10;
	linux_to_termios(&lt, &t);
	KT_EXPECT_EQ(kt, t.c_iflag, ISTRIP | IGNCR | IXON);
	KT_EXPECT_EQ(kt, t.c_oflag, OPOST);
	KT_EXPECT_EQ(kt, t.c_cflag, CS7 | CREAD);
	KT_EXPECT_EQ(kt, t.c_lflag, ISIG | ECHONL);
	KT_EXPECT_EQ(kt, t.c_cc[VINTR], 7);
	KT_EXPECT_EQ(kt, t.c_cc[VQUIT], _POSIX_VDISABLE);
	KT_EXPECT_EQ(kt, t.c_cc[VTIME], 10);
	KT_EXPECT_EQ(kt, t.c_ospeed, 9600);
	linux_from_termios(&t, &lt2);
	KT_EXPECT(kt, memcmp(&lt, &lt2, sizeof(lt)) == 0);
}
