#!/usr/bin/env bash
# Regenerates the extension's images (committed under images/) with ImageMagick:
#   images/icon.png        128x128 Marketplace icon: a key (credentials) and a clock (short-lived)
#   images/screenshot.png  a pipeline log of the task, for the overview page
# Needs Debian's imagemagick and fonts-dejavu-core. Run from anywhere:
#   tasks/make-images.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/images"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

navy='#232F3E'
orange='#FF9900'

# Icon: drawn at 512x512, then scaled down for smooth edges.
convert -size 512x512 xc:none \
  -fill "$navy" -draw 'roundrectangle 8,8 503,503 96,96' \
  -fill none -stroke "$orange" -strokewidth 46 -draw 'circle 176,208 176,290' \
  -stroke none -fill "$orange" \
  -draw 'polygon 236,186 452,186 452,232 236,232' \
  -draw 'polygon 404,224 444,224 444,300 404,300' \
  -draw 'polygon 344,224 378,224 378,282 344,282' \
  -fill white -stroke "$navy" -strokewidth 14 -draw 'circle 352,372 352,466' \
  -stroke "$navy" -strokewidth 16 -draw 'line 352,372 352,314' -draw 'line 352,372 398,396' \
  -fill "$navy" -stroke none -draw 'circle 352,372 352,384' \
  "$tmp/icon-512.png"
convert "$tmp/icon-512.png" -resize 128x128 -strip -define png:exclude-chunks=date,time "PNG32:$out/icon.png"

# Screenshot: a pipeline log of the task, as Azure Pipelines shows it.
mono=DejaVu-Sans-Mono
sans=DejaVu-Sans
log_lines=(
  'Starting: AWS credentials (rolesAnywhere)'
  '=============================================================================='
  'Task         : AWS Temporary Credentials'
  'Description  : Get short-lived AWS credentials for the rest of the job'
  'Version      : 1.0.0'
  '=============================================================================='
  'Certificate  : CN=build-agents, issued by CN=Example Issuing CA (valid until 2027-03-01)'
  'Roles Anywhere CreateSession: eu-west-1, role arn:aws:iam::111122223333:role/ci'
  'Role chaining: arn:aws:iam::444455556666:role/deploy'
  'Account 444455556666 is allowed'
  'Credentials  : profile "default", expire 2026-11-23T11:42:07Z'
  '  AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, AWS_PROFILE, AWS_REGION set for later steps'
  'Finishing: AWS credentials (rolesAnywhere)'
)
args=()
y=92
for line in "${log_lines[@]}"; do
  color='#D4D4D4'
  case "$line" in
    Starting:* | Finishing:*) color='#FFFFFF' ;;
    Account*) color='#89D185' ;;
    '  '*) color='#9CDCFE' ;;
  esac
  args+=(-fill "$color" -annotate "+32+$y" "$line")
  y=$((y + 30))
done
convert -size 1280x480 xc:'#1E1E1E' \
  -fill '#2D2D30' -draw 'rectangle 0,0 1280,52' \
  -fill "$orange" -draw 'rectangle 0,0 8,52' \
  -font "$sans" -pointsize 22 -fill white -annotate +28+35 'AWS Temporary Credentials  ·  job log' \
  -fill '#89D185' -draw 'circle 1236,26 1236,36' \
  -font "$mono" -pointsize 17 "${args[@]}" \
  -strip -define png:exclude-chunks=date,time "PNG24:$out/screenshot.png"

ls -l "$out"/icon.png "$out"/screenshot.png
