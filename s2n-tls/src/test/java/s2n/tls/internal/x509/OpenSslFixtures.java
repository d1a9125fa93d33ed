package s2n.tls.internal.x509;

import java.time.Instant;

/**
 * PEM text made by the openssl command line (OpenSSL 3.0.19), pasted as is, so the loaders are
 * tested against bytes nobody on this project wrote. The root and the leaf were made with:
 *
 * <pre>
 * openssl ecparam -name prime256v1 -genkey -out ca.key
 * openssl req -x509 -new -key ca.key -subj "/O=OpenSSL Fixture/CN=OpenSSL Test Root" -days 36500 -sha256 \
 *     -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem
 * openssl ecparam -name prime256v1 -genkey -out leaf.key
 * openssl req -new -key leaf.key -subj "/CN=openssl.example" -out leaf.csr
 * openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -days 36500 -sha256 -extfile leaf.ext -out leaf.pem
 *   (leaf.ext: basicConstraints=critical,CA:FALSE; keyUsage=critical,digitalSignature;
 *    extendedKeyUsage=serverAuth,clientAuth;
 *    subjectAltName=DNS:openssl.example,DNS:*.openssl.example,IP:127.0.0.1,IP:::1)
 * </pre>
 */
final class OpenSslFixtures {
    /** Inside the validity of both certificates (2026-11-22T18:14:38Z to 2126-10-29T18:14:38Z). */
    static final Instant DURING_VALIDITY = Instant.parse("2030-01-01T00:00:00Z");

    private OpenSslFixtures() {}

    /** The leaf and its root as {@code openssl x509 -subject -issuer} prints them: text between the blocks. */
    static final String CHAIN = """
            subject=CN = openssl.example
            issuer=O = OpenSSL Fixture, CN = OpenSSL Test Root
            -----BEGIN CERTIFICATE-----
            MIICHTCCAcKgAwIBAgIUFPsw5+JI0Dt6C40YEFTTqJ3hyjYwCgYIKoZIzj0EAwIw
            NjEYMBYGA1UECgwPT3BlblNTTCBGaXh0dXJlMRowGAYDVQQDDBFPcGVuU1NMIFRl
            c3QgUm9vdDAgFw0yNjExMjIxODE0MzhaGA8yMTI2MTAyOTE4MTQzOFowGjEYMBYG
            A1UEAwwPb3BlbnNzbC5leGFtcGxlMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
            t5TBNlMKO51lE12+g24IEFXhHrWC4kb5yI11S8B2sO4h5alSICJgVqARmYUz2pIT
            XDnzQz4tbAcLG0lnJIm1h6OBxzCBxDAMBgNVHRMBAf8EAjAAMA4GA1UdDwEB/wQE
            AwIHgDAdBgNVHSUEFjAUBggrBgEFBQcDAQYIKwYBBQUHAwIwRQYDVR0RBD4wPIIP
            b3BlbnNzbC5leGFtcGxlghEqLm9wZW5zc2wuZXhhbXBsZYcEfwAAAYcQAAAAAAAA
            AAAAAAAAAAAAATAdBgNVHQ4EFgQURBzIzwkeCSibcgL6Qd+sU8rzwXwwHwYDVR0j
            BBgwFoAUyz7xUM9CdyX3zUNCkvB4Ic0ZFT8wCgYIKoZIzj0EAwIDSQAwRgIhANla
            sfXJTeQ2grTU7gV7yQ5kozy49QNNH5zff5AIYuMgAiEAtw4lxTEeZBrd1gbZCyo4
            jCXsQnbtXZIxiGNzLt5eHVY=
            -----END CERTIFICATE-----
            subject=O = OpenSSL Fixture, CN = OpenSSL Test Root
            issuer=O = OpenSSL Fixture, CN = OpenSSL Test Root
            -----BEGIN CERTIFICATE-----
            MIIB0zCCAXmgAwIBAgIUVlZ54zlSLs1y1nBzt/d1EJk4L8kwCgYIKoZIzj0EAwIw
            NjEYMBYGA1UECgwPT3BlblNTTCBGaXh0dXJlMRowGAYDVQQDDBFPcGVuU1NMIFRl
            c3QgUm9vdDAgFw0yNjExMjIxODE0MzhaGA8yMTI2MTAyOTE4MTQzOFowNjEYMBYG
            A1UECgwPT3BlblNTTCBGaXh0dXJlMRowGAYDVQQDDBFPcGVuU1NMIFRlc3QgUm9v
            dDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABLGe3O9wahBOG6Q8vgwZAtdY9oBr
            GcK6trIbfwpYmiAN+o9VyjqfOC/aB1Jo1GB2t5VdRzMpzMtmvRnnGvQOyQOjYzBh
            MB0GA1UdDgQWBBTLPvFQz0J3JffNQ0KS8HghzRkVPzAfBgNVHSMEGDAWgBTLPvFQ
            z0J3JffNQ0KS8HghzRkVPzAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIB
            BjAKBggqhkjOPQQDAgNIADBFAiEAvU0Joyyzwe3Y3kAMTt7BsFYj4DT7B760mDAR
            w3D5OgoCIHxIveY7eXvCutUbfVRoy8R1PCgqIPC3uQ1TRWSA2YAI
            -----END CERTIFICATE-----
            """;

    /** The leaf's key from {@code openssl ecparam -name prime256v1 -genkey}: EC PARAMETERS, then SEC1. */
    static final String LEAF_EC_KEY = """
            -----BEGIN EC PARAMETERS-----
            BggqhkjOPQMBBw==
            -----END EC PARAMETERS-----
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEILrJCPdLR12ov7ed4uu32DuaFIBAQFSbOSPmTsPD0p2NoAoGCCqGSM49
            AwEHoUQDQgAEt5TBNlMKO51lE12+g24IEFXhHrWC4kb5yI11S8B2sO4h5alSICJg
            VqARmYUz2pITXDnzQz4tbAcLG0lnJIm1hw==
            -----END EC PRIVATE KEY-----
            """;

    /** The leaf's public key ({@code openssl pkey -pubout}), to prove the private key decoded right. */
    static final String LEAF_EC_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEt5TBNlMKO51lE12+g24IEFXhHrWC
            4kb5yI11S8B2sO4h5alSICJgVqARmYUz2pITXDnzQz4tbAcLG0lnJIm1hw==
            -----END PUBLIC KEY-----
            """;

    /** The leaf's key encrypted the legacy way ({@code openssl ec -aes256}): Proc-Type headers. */
    static final String LEAF_EC_KEY_ENCRYPTED = """
            -----BEGIN EC PRIVATE KEY-----
            Proc-Type: 4,ENCRYPTED
            DEK-Info: AES-256-CBC,3CDE074453866F01FE134FCC20EF7CE9

            ZUkgleMd4XVqkeMsxegXi4d2OUU5rIDf+1ayvyi9fXS6uiMfbnS0xZ358p5ronuN
            qJgZoRsgQb4fNh9pKHor28gk4o0+mBgbzxyG/yvEFmTGlkru/t+YZABlKU4dkhnE
            vf6CCmbggcjFJviqu/uXTMBnGLddf875c3BRRMwoQfU=
            -----END EC PRIVATE KEY-----
            """;

    /** {@code openssl genrsa -traditional 2048}: PKCS#1. */
    static final String RSA_PKCS1_KEY = """
            -----BEGIN RSA PRIVATE KEY-----
            MIIEpAIBAAKCAQEAqMXkB0LpV4bfU0CMmBXL2cylXdt590fCaPy6GCy5VnIbpt/1
            phoPZvAKkEv2OyhwYnygftPnKbovmcxXQVydcG/ZKKWI6tscVpsDFf2So17E89L4
            6U7KlPm8m3WfeNo+Oi5jfgicszWU5TLBNXN2eEoYCTrskRBWs0HrM6ASRLFJPxSy
            zXsaGwVVPIufOns+FqvHUbSOKqlirPTiiGVXXZPOM9IE18dedDov/P8IcYswkmTN
            TBiYHTpiI0y0pSy+RfDWvwKpw9Zp2PAiQhyVY46gokISnRPUtKqRg/yuuYl78VNE
            zfuMldVURShxoVXLFInaN5ITlo0rZZ8B7r3HBwIDAQABAoIBABIUqTox6+epllFH
            8Af3BdC+gNTOR4G7WVOAB7vBRtXBAb9d7OYvkojXnHoa+TUbPvb+HP+ZWgF5ZdIX
            Nx3UezVpdh1JpqJqeN26W5lGgigoZfctGed8vm05WABbmIsM7m+zOottBsSYL+xi
            BJriVMXMQkjy3BcqZe9sV3M/adWb77JeM2c1DQjXpyNw19lpid93bLSJHM7VM/2j
            sd58XWF9AS8kwmc2eIghptLBIDQRBhQG1qerPh7zCA0gDyx71jQwjZcBVy6LNhza
            8pC4Iyj+/l8NDpgI8zHeyTIYVIaMbWqMfXyaPSTMpVl6FLB7T7XEIPGajyKDDkEk
            ojb+aqkCgYEA7FUXmr6kIScF9jTFVg5pd4aQ+ki3wJSvjpFeSWJd5RHb5rquFCk6
            nJtfEKjYGnmRnsWHin5/lvAsu809o1t4YXnb3hp+MTyqd+L/EFlG0NRw73Ey9sjI
            W+Lvoe7mEqdzHl8rw4Q05U3rbNl/CBID2gkOAkKjU1LmAUfp1LzrXCsCgYEAttF9
            aYknQMmH2W4WdI17W/vy1Q7mqHgvndJPn+MvhervHqKG4NJliIsTYozHi+D1hFgK
            /vcYX8m5pCSKFF4My1lhlgdnsghqTspnX7tOBiY+2/XBkR/TB4nKk1/MUFfp9L5Q
            MgQuEaz+f+Z8mCyeB+dbEyT4pEuYQpMn8i0YZpUCgYEApO2dU3jHwfshxfh93tif
            8bIPaxtkYRliivQYAM6NCFe2RwbwhVFgffpQFag/Z/p/DXZ8aMJu+D8UeNt6sI4d
            LKmGLzH97w6PSKs5pYcoTIR1bCRrlJ36dWWiJjg6h7okNIXmXMPexkfijEwcwt0P
            oxG+nQU0ReoMacht/vD4r5ECgYAsTyHiTkehQDcYz8HJhfD8HliAoxfshRSlX6/E
            xL9j6ckC18lw/A13xp1wKUbD9EYNSXmAykqyDKZdzi1ZOmJHduZcAndzgu6hIhVj
            8nW6r9JUZYAAuIHhNdhPV8yhPG2L0ASH2tN/nTohra9NAqNarww326IXz+qbWCc6
            Xwum8QKBgQCGBbq5gq3ZxWuZNEbsnsbtLR9wqZL1JEZema41Vg4fOHADunNANcj/
            p/lSlim9YYRtgE92UjXKRCdp6Vt4ikEORrFV9jlDoscKPqdTq6oA27ik5pk6Vil1
            R6fu9lCIegNv40DybvWJmLkXXuxI2spcIr5ODT25q5u0FXKInycq4A==
            -----END RSA PRIVATE KEY-----
            """;

    /** The RSA key's public half. */
    static final String RSA_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqMXkB0LpV4bfU0CMmBXL
            2cylXdt590fCaPy6GCy5VnIbpt/1phoPZvAKkEv2OyhwYnygftPnKbovmcxXQVyd
            cG/ZKKWI6tscVpsDFf2So17E89L46U7KlPm8m3WfeNo+Oi5jfgicszWU5TLBNXN2
            eEoYCTrskRBWs0HrM6ASRLFJPxSyzXsaGwVVPIufOns+FqvHUbSOKqlirPTiiGVX
            XZPOM9IE18dedDov/P8IcYswkmTNTBiYHTpiI0y0pSy+RfDWvwKpw9Zp2PAiQhyV
            Y46gokISnRPUtKqRg/yuuYl78VNEzfuMldVURShxoVXLFInaN5ITlo0rZZ8B7r3H
            BwIDAQAB
            -----END PUBLIC KEY-----
            """;

    /** {@code openssl genpkey -algorithm RSA-PSS}: PKCS#8 with the id-RSASSA-PSS OID. */
    static final String RSA_PSS_PKCS8_KEY = """
            -----BEGIN PRIVATE KEY-----
            MIIEvQIBADALBgkqhkiG9w0BAQoEggSpMIIEpQIBAAKCAQEA0DGc64J43p8dzsR6
            0HyZCqg8xDp2cnYGb9LvlGHWYuANcnLde1EB4SviGHONf3zNjXFXIV92Y/OVGr2P
            sgw0GiFUKAe4uzG9vWCD78Ep+BJ5ol6R89T0kI4rFXizGf2SHuB4K3cHhZI5D0Ov
            2ZumZV9wsQRxBwD1DOdTahZVcmErnF6lpvXB2NwcDeamZr0oB5uU+QXsEROS/12U
            kTZ99eV5I+bhCt3nyp+eP2c+zj71iB2J67N7kkvFbbVn3Cks6S6Xl5udzF2CoORs
            Spof/VfTsAE//9Tliok8kV1lW+o+hpRNzyq/RrqszRUf0JqTpHub4sPMfqWTRqJB
            oG9e+QIDAQABAoIBAAUt3B0mZMKyVffT1B5QSy+vBGaj8a237pcPj0gzWuBLeeop
            SLCNpldR/nuPPFY55j8o3PsGje0UnSv0ypiqTGLYsL2Xhj/vOoIgiYezAsvvYbk+
            qFuBe7Kw5rTPs4eSUvU+WPRJL2sM5SsntZMwl7tuhrYl9HiGdzzNRbpI40fyGWHC
            etciGRCrUY7jmTgCv3hi+TzoCgCBZNa8Ze4dkzrXcHIe5eWaFz1t0vbTSynmUJ5N
            SdD4Ym7m2oP/luf91tkzM8EtXJ0GXuEPq6+bmxyE2Bj9jX58sNudPio58MJoYnqC
            1/6b5DUx7sV/0SRoJLdvZZrIvLtwCiUeV6NEuxUCgYEA8sN5yZmvMguFxaeRANeD
            H3vBRjcpgARu8NzNuwouoDzch5jinjmSCrXMuWN+WFJZUes74WfEdefICUashxxQ
            dTlKnbUyNDhCUE2kwSFGe7COnmOgg5Xt/DjpZ2vp/NRkz2Ffy2R7Qlwzf4Se/Y/h
            3mhtbc2het5k8yDm8SdXa28CgYEA24ubpRopRZ5771wn4jtUSQ/Jg0YwITiMItI7
            ykSVPMLShB1cS73hN6eGkkR/v7ikZKeFd5aWgJ9fjdqZqw+aFyak9vIzUx2pNn87
            yGBX+lQ5smtdx/mMkabsps2bIyzYC9GDdwo9Js0x6yksfnFNLhqXdtxKVL0uNvgr
            upO6yBcCgYEAl7mUZGupE54f/Wi9N8l6KjMumLPhPCGJNQDLlBrJCV0Ad78V484X
            eJonWbbVQF43dPuQcVBpeUdjvmhtbARGRP2JpQeaWQjQaWAdmJczdhrjCBs8NwF9
            vCXVus23cE1OtE4nkPc8Ej2N8iTxOYizok2iFv5t7l0QuuPVcuMjwAECgYEAqb0F
            SB+y2xWOAmCAoYN3RcmD5g+k9HpQtjdObLKbo0+JDQXaLuEOOEY4X+u/zQ3HY960
            7OGrWKRfb0AcYMn+O3nwPtDA57jd87lpEiGSw4LM3OnvpsWEbbPd8ZSzJf3sxy5j
            8uwinVY2CvdZZCTbJBMBGa91dJCTI4K55FWFKl8CgYEAjiXxH+6croz2mnZUvDiM
            ZmRrjc4QqA6ugFBbN1q5MnIkg0rByYw9BZxpWV+e3xEBlkhQwQjJEdn1RjJpxNvx
            Hg6dUu7zKZZPEEPCaC+1RfNtU4k58+dqLlZ0cyW4RXBOv9Z5jKFVWkmVvfR3jQ/4
            he9+gejs7eq3+1PfGFfonkw=
            -----END PRIVATE KEY-----
            """;

    /** The RSA-PSS key's public half. */
    static final String RSA_PSS_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MIIBIDALBgkqhkiG9w0BAQoDggEPADCCAQoCggEBANAxnOuCeN6fHc7EetB8mQqo
            PMQ6dnJ2Bm/S75Rh1mLgDXJy3XtRAeEr4hhzjX98zY1xVyFfdmPzlRq9j7IMNBoh
            VCgHuLsxvb1gg+/BKfgSeaJekfPU9JCOKxV4sxn9kh7geCt3B4WSOQ9Dr9mbpmVf
            cLEEcQcA9QznU2oWVXJhK5xepab1wdjcHA3mpma9KAeblPkF7BETkv9dlJE2ffXl
            eSPm4Qrd58qfnj9nPs4+9Ygdieuze5JLxW21Z9wpLOkul5ebncxdgqDkbEqaH/1X
            07ABP//U5YqJPJFdZVvqPoaUTc8qv0a6rM0VH9Cak6R7m+LDzH6lk0aiQaBvXvkC
            AwEAAQ==
            -----END PUBLIC KEY-----
            """;

    /** {@code openssl genpkey -algorithm ed25519}: PKCS#8. */
    static final String ED25519_PKCS8_KEY = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIFAiDtMMymu8j1ZQj76ER67ebv0aXaKucF8NHZLa22FQ
            -----END PRIVATE KEY-----
            """;

    /** The Ed25519 key's public half. */
    static final String ED25519_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAhv8Lre5kf3CCPVRuElE02NGCjOTLf/74iRIBp2S1Q0A=
            -----END PUBLIC KEY-----
            """;

    /** {@code openssl pkcs8 -topk8 -v2 aes-256-cbc}: ENCRYPTED PRIVATE KEY. */
    static final String ED25519_KEY_ENCRYPTED = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAguz4/obOE7uAICCAAw
            DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEDEjpna8WZviJovawUIutvcEQOQ5
            iuZrstkIUnksHcpifTHH79EdRaaZ9tspbw7mSLLsK5aNd1uh9kg1UWa7ziGLcrxZ
            uJoi8LKYoN3W6vETEAw=
            -----END ENCRYPTED PRIVATE KEY-----
            """;
}
