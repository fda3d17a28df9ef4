; Inno Setup script: the Windows installer of the one-folder build.
;
;   pyinstaller --noconfirm packaging\jiaokan.spec        (on Windows: dist\jiaokan\)
;   iscc packaging\windows\jiaokan.iss                    (Inno Setup 6.3 or later)
;
; writes dist\jiaokan-<version>-setup.exe.  Not built on the project's Linux
; machine (Inno Setup runs on Windows only): see packaging/README.md.
;
; The version comes from the built jiaokan.exe, whose version resource the spec
; fills from pyproject.toml; `iscc /DAppVersion=1.2.3 ...` overrides it.
;
; The Chinese installer languages are Inno Setup's ChineseSimplified.isl and
; ChineseTraditional.isl.  Inno Setup has long shipped them only as unofficial
; translations (https://jrsoftware.org/files/istrans/, or Files/Languages/Unofficial/
; in the jrsoftware/issrc repository): put them in packaging\windows\languages\
; (they are not committed here), or into the compiler's Languages folder if your
; Inno Setup has them there.  The script stops with an error if either is missing,
; rather than build an installer without them.

#define AppName "Jiaokan"
#define AppId "io.github.jiaokan.Jiaokan"
#define ProgId "Jiaokan.Project"
#define ProjectExt ".jkproj"
#define ProjectMime "application/x-jiaokan-project"
#define Built AddBackslash(SourcePath) + "..\..\dist\jiaokan"

#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(Built + "\jiaokan.exe")
#endif
#if AppVersion == ""
  #error No version: build dist\jiaokan first (pyinstaller packaging\jiaokan.spec) or pass /DAppVersion=...
#endif

; a language file beside this script first, then the compiler's own folders
#define LocalIsl(str Name) AddBackslash(SourcePath) + "languages\" + Name + ".isl"
#define OfficialIsl(str Name) CompilerPath + "Languages\" + Name + ".isl"
#define UnofficialIsl(str Name) CompilerPath + "Languages\Unofficial\" + Name + ".isl"
#define Isl(str Name) FileExists(LocalIsl(Name)) ? LocalIsl(Name) : FileExists(OfficialIsl(Name)) ? OfficialIsl(Name) : FileExists(UnofficialIsl(Name)) ? UnofficialIsl(Name) : ""
#if Isl("ChineseSimplified") == ""
  #error ChineseSimplified.isl not found: put it in packaging\windows\languages\ (see packaging/README.md)
#endif
#if Isl("ChineseTraditional") == ""
  #error ChineseTraditional.isl not found: put it in packaging\windows\languages\ (see packaging/README.md)
#endif

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Jiaokan
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; Program Files for everybody by default; the dialog offers "only for me" without admin rights
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 and later
MinVersion=10.0
ChangesAssociations=yes
SetupIconFile=jiaokan.ico
UninstallDisplayIcon={app}\jiaokan.exe
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\..\dist
OutputBaseFilename=jiaokan-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "{#Isl("ChineseSimplified")}"
Name: "chinesetraditional"; MessagesFile: "{#Isl("ChineseTraditional")}"

[CustomMessages]
english.ProjectFile=Jiaokan project
chinesesimplified.ProjectFile=校勘项目
chinesetraditional.ProjectFile=校勘專案
english.AppComment=Compare a Chinese source text with its variants and decide every divergence
chinesesimplified.AppComment=比对中文底本与各校本，逐处处理异文
chinesetraditional.AppComment=比對中文底本與各校本，逐處處理異文
english.CommandLine=Jiaokan command line (jiaokan-cli collate ...)
chinesesimplified.CommandLine=校勘命令行（jiaokan-cli collate ...）
chinesetraditional.CommandLine=校勘命令列（jiaokan-cli collate ...）

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "association"; Description: "{cm:AssocFileExtension,{#AppName},{#ProjectExt}}"

[Files]
; the whole one-folder build: jiaokan.exe (the window), jiaokan-cli.exe (the same
; program with a console, for `jiaokan-cli collate ...`) and _internal\
Source: "{#Built}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an older version's libraries must not linger beside the new ones
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\jiaokan.exe"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\jiaokan.exe"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Registry]
; .jkproj -> Jiaokan.Project, opened by "{app}\jiaokan.exe" "%1" (ui/main.py opens a project
; given alone).  HKA is HKLM for an install for everybody, HKCU for one user.
Root: HKA; Subkey: "Software\Classes\{#ProjectExt}"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProjectExt}"; ValueType: string; ValueName: "Content Type"; ValueData: "{#ProjectMime}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProjectExt}\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:ProjectFile}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\jiaokan.exe,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\jiaokan.exe"" ""%1"""
; the program's own entry for "Open with": projects only, since one text file alone is
; no collation (it needs a variant)
Root: HKA; Subkey: "Software\Classes\Applications\jiaokan.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\jiaokan.exe\SupportedTypes"; ValueType: string; ValueName: "{#ProjectExt}"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\jiaokan.exe\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\jiaokan.exe"" ""%1"""
; Win+R "jiaokan" finds the program
Root: HKA; Subkey: "Software\Microsoft\Windows\CurrentVersion\App Paths\jiaokan.exe"; ValueType: string; ValueName: ""; ValueData: "{app}\jiaokan.exe"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Microsoft\Windows\CurrentVersion\App Paths\jiaokan-cli.exe"; ValueType: string; ValueName: ""; ValueData: "{app}\jiaokan-cli.exe"; Flags: uninsdeletekey

[Run]
Filename: "{app}\jiaokan.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; the tables Jiaokan caches (platformdirs: %LOCALAPPDATA%\jiaokan\Cache); the projects
; and settings under %LOCALAPPDATA%\jiaokan are the user's and stay
Type: filesandordirs; Name: "{localappdata}\jiaokan\Cache"
