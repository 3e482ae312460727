namespace AwsTempCredentials.KeyMaterial.Pkcs11;

/// <summary>
/// The PKCS#11 (Cryptoki 2.40) constants this tool uses, from the OASIS specification's pkcs11t.h. CK_ULONG values
/// are carried as <see cref="nuint"/>: 64 bits on Linux and macOS (C <c>unsigned long</c>), 32 bits on Windows,
/// where <see cref="Pkcs11Layout"/> narrows them.
/// </summary>
internal static class Pkcs11Native
{
    public const uint CkrOk = 0x00;
    public const uint CkrFunctionFailed = 0x06;
    public const uint CkrAttributeSensitive = 0x11;
    public const uint CkrAttributeTypeInvalid = 0x12;
    public const uint CkrDeviceError = 0x30;
    public const uint CkrDeviceRemoved = 0x32;
    public const uint CkrKeyFunctionNotPermitted = 0x68;
    public const uint CkrMechanismInvalid = 0x70;
    public const uint CkrMechanismParamInvalid = 0x71;
    public const uint CkrPinIncorrect = 0xA0;
    public const uint CkrPinInvalid = 0xA1;
    public const uint CkrPinLenRange = 0xA2;
    public const uint CkrPinExpired = 0xA3;
    public const uint CkrPinLocked = 0xA4;
    public const uint CkrTokenNotPresent = 0xE0;
    public const uint CkrTokenNotRecognized = 0xE1;
    public const uint CkrUserAlreadyLoggedIn = 0x100;
    public const uint CkrUserNotLoggedIn = 0x101;
    public const uint CkrUserPinNotInitialized = 0x102;
    public const uint CkrBufferTooSmall = 0x150;
    public const uint CkrCryptokiAlreadyInitialized = 0x191;

    public const uint CkfRwSession = 0x02;
    public const uint CkfSerialSession = 0x04;

    public const uint CkfLoginRequired = 0x04;
    public const uint CkfProtectedAuthenticationPath = 0x100;
    public const uint CkfUserPinFinalTry = 0x20000;
    public const uint CkfUserPinLocked = 0x40000;

    public const uint CkuUser = 1;
    public const uint CkuContextSpecific = 2;

    public const uint CkaClass = 0x00;
    public const uint CkaLabel = 0x03;
    public const uint CkaValue = 0x11;
    public const uint CkaKeyType = 0x100;
    public const uint CkaId = 0x102;
    public const uint CkaSensitive = 0x103;
    public const uint CkaModulus = 0x120;
    public const uint CkaExtractable = 0x162;
    public const uint CkaEcPoint = 0x181;
    public const uint CkaAlwaysAuthenticate = 0x202;

    public const uint CkoCertificate = 1;
    public const uint CkoPrivateKey = 3;

    public const uint CkkRsa = 0;
    public const uint CkkEc = 3;

    public const uint CkmRsaPkcs = 0x01;
    public const uint CkmSha256RsaPkcs = 0x40;
    public const uint CkmEcdsa = 0x1041;

    /// <summary>The CK_RV name of a return value, for messages (the spec's names are what a token's documentation uses).</summary>
    public static string Name(uint rv) => rv switch
    {
        CkrOk => "CKR_OK",
        CkrFunctionFailed => "CKR_FUNCTION_FAILED",
        CkrAttributeSensitive => "CKR_ATTRIBUTE_SENSITIVE",
        CkrAttributeTypeInvalid => "CKR_ATTRIBUTE_TYPE_INVALID",
        CkrDeviceError => "CKR_DEVICE_ERROR",
        CkrDeviceRemoved => "CKR_DEVICE_REMOVED",
        CkrKeyFunctionNotPermitted => "CKR_KEY_FUNCTION_NOT_PERMITTED",
        CkrMechanismInvalid => "CKR_MECHANISM_INVALID",
        CkrMechanismParamInvalid => "CKR_MECHANISM_PARAM_INVALID",
        CkrPinIncorrect => "CKR_PIN_INCORRECT",
        CkrPinInvalid => "CKR_PIN_INVALID",
        CkrPinLenRange => "CKR_PIN_LEN_RANGE",
        CkrPinExpired => "CKR_PIN_EXPIRED",
        CkrPinLocked => "CKR_PIN_LOCKED",
        CkrTokenNotPresent => "CKR_TOKEN_NOT_PRESENT",
        CkrTokenNotRecognized => "CKR_TOKEN_NOT_RECOGNIZED",
        CkrUserAlreadyLoggedIn => "CKR_USER_ALREADY_LOGGED_IN",
        CkrUserNotLoggedIn => "CKR_USER_NOT_LOGGED_IN",
        CkrUserPinNotInitialized => "CKR_USER_PIN_NOT_INITIALIZED",
        CkrBufferTooSmall => "CKR_BUFFER_TOO_SMALL",
        CkrCryptokiAlreadyInitialized => "CKR_CRYPTOKI_ALREADY_INITIALIZED",
        _ => $"CK_RV 0x{rv:X}",
    };
}
